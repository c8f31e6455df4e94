#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "main/commands.hpp"
#include "main/logging.hpp"
#include "store/migrations.hpp"

namespace {

void PrintConfigErrors(const planify::Error& error) {
  std::cerr << "planify: invalid configuration\n";
  for (const auto& f : error.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Planify — gestion d'activité pour prestataires événementiels et techniques"};
  cli.require_subcommand(1);
  auto* serve = cli.add_subcommand(
      "serve", "Run the HTTP server (migrates first unless PLANIFY_AUTO_MIGRATE=false)");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
  bool status_only = false;
  migrate->add_flag("--status", status_only, "Only report the schema state");
  auto* version = cli.add_subcommand("version", "Print the version and schema versions");
  auto* doctor =
      cli.add_subcommand("doctor", "Check configuration, database, data directory and fonts");
  CLI11_PARSE(cli, argc, argv);

  if (*version) {
    std::cout
        << "planify " << planify::kVersion << " (schema: sqlite "
        << planify::store::EmbeddedMigrations(planify::store::Dialect::kSqlite).back().version
        << ", postgresql "
        << planify::store::EmbeddedMigrations(planify::store::Dialect::kPostgres).back().version
        << ")\n";
    return planify::kExitOk;
  }
  if (*doctor) return planify::RunDoctor(planify::ProcessEnvironment(), std::cout);

  auto config = planify::LoadConfig(planify::ProcessEnvironment());
  if (!config) {
    PrintConfigErrors(config.error());
    return planify::kExitConfig;
  }
  planify::SetupLogging(config->log_format, config->log_level);
  if (*serve) return planify::RunServe(*config);
  if (*migrate) return planify::RunMigrate(*config, status_only, std::cout);
  return planify::kExitOk;
}
