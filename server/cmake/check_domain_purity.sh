#!/usr/bin/env bash
# The domain is pure: no I/O library, no outer layer. Fails listing each offending include.
set -u
dir=${1:?usage: check_domain_purity.sh DOMAIN_DIR}
bad=$(grep -nE '#include\s*[<"](soci/|httplib|nlohmann/|sodium|spdlog/|curl/|sqlite3|libpq|cairo|pango|CLI/|(store|http|app|jobs|integrations|main)/)' \
  "$dir"/*.hpp "$dir"/*.cpp 2>/dev/null | grep -v '_test\.cpp:')
if [[ -n "$bad" ]]; then
  echo "domain includes I/O or outer-layer headers:"
  echo "$bad"
  exit 1
fi
echo "domain is pure ($(ls "$dir"/*.hpp "$dir"/*.cpp | wc -l) files checked)"
