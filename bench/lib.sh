# Shared by the bench scripts (sourced): the server's CPU time and memory from /proc, and one
# wrk run reduced to the figures the tables print.

clk_tck=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }       # user + system, in ticks
rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
hwm_mib() { awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
# Starts a new peak: VmHWM counts from here (Linux clear_refs, value 5).
reset_peak() { echo 5 >"/proc/$1/clear_refs"; }

# wrk_measure PID CONNECTIONS SECONDS SCRIPT ORIGIN [SCRIPT ARGS...]
# Sets rate, p50, p95, p99, errors (non-2xx/3xx) and cpu_ms (the server's CPU time per request,
# from /proc: the least noisy figure on a shared machine, wrk's own CPU excluded).
wrk_measure() {
  local pid=$1 connections=$2 seconds=$3 script=$4 origin=$5
  shift 5
  local threads=$((connections < 2 ? 1 : 2))
  local before after out requests micros
  before=$(cpu_ticks "$pid")
  out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$script" "$origin" -- "$@" |
    grep '^RESULT')
  after=$(cpu_ticks "$pid")
  read -r _ requests p50 p95 p99 errors micros <<<"$out"
  rate=$(awk -v n="$requests" -v us="$micros" 'BEGIN {printf "%.0f", n / (us / 1e6)}')
  cpu_ms=$(awk -v t=$((after - before)) -v hz="$clk_tck" -v n="$requests" \
    'BEGIN {printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0)}')
}

# sql_ms DIALECT TARGET FILE RUNS: average time of the statements in FILE, run RUNS times by the
# database's own client (sqlite3 .timer: CPU user + system; psql \timing: elapsed), so the
# endpoint's cost can be set against the SQL it runs.
sql_ms() {
  local dialect=$1 target=$2 file=$3 runs=$4 script
  script=$(mktemp)
  if [[ $dialect == sqlite ]]; then
    { echo ".timer on"; echo ".output /dev/null"; for _ in $(seq "$runs"); do cat "$file"; done; } >"$script"
    sqlite3 "$target" <"$script" | awk -v runs="$runs" '
      /^Run Time:/ { total += ($6 + $8) * 1000 }
      END { printf "%.2f", total / runs }'
  else
    { echo '\timing on'; echo '\o /dev/null'; for _ in $(seq "$runs"); do cat "$file"; done; } >"$script"
    psql -q -X "$target" -f "$script" | awk -v runs="$runs" '
      /^Time:/ { total += $2 }
      END { printf "%.2f", total / runs }'
  fi
  rm -f "$script"
}

# The planning data set (bench/planning, bench/equipment): 50,000 missions over five years from
# 2023-01-01, 100 crew members, 200 equipment lines, two crew members and three equipment lines
# per mission. $1 = dialect; prints the SQL. Organisation 1 and its owner (user 1) exist already.
seed_planning_sql() {
  local ts
  if [[ $1 == sqlite ]]; then
    ts() { echo "strftime('%Y-%m-%dT%H:%M:%S.000Z', '2023-01-01', '+' || ($1) || ' minutes')"; }
  else
    ts() { echo "(TIMESTAMPTZ '2023-01-01 00:00:00+00' + ($1) * INTERVAL '1 minute')"; }
  fi
  local now="'2026-11-25T00:00:00.000Z'"
  cat <<SQL
WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
INSERT INTO users (email, display_name, created_at, updated_at)
SELECT 'crew' || i || '@bench.fr', 'Crew ' || i, $now, $now FROM n;
INSERT INTO memberships (organization_id, user_id, role, created_at, updated_at)
SELECT 1, id, CASE WHEN id % 2 = 0 THEN 'dj' ELSE 'technician' END, $now, $now
FROM users WHERE email LIKE 'crew%@bench.fr';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO equipment_items (organization_id, name, category, quantity_owned, search_text,
                             created_at, updated_at)
SELECT 1, 'Item ' || i, 'Cat ' || (i % 8), 2 + i % 10, 'item ' || i, $now, $now FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO missions (organization_id, title, status, starts_at, ends_at, search_text,
                      created_at, updated_at)
SELECT 1, 'Mission ' || i,
       CASE i % 10 WHEN 0 THEN 'canceled' WHEN 1 THEN 'draft' WHEN 2 THEN 'confirmed'
                   ELSE 'planned' END,
       $(ts "i * 52"), $(ts "i * 52 + 240 + (i % 5) * 60"), 'mission ' || i, $now, $now FROM n;
INSERT INTO mission_crew (organization_id, mission_id, user_id, position, is_lead, created_at)
SELECT 1, id, 2 + id % 99, 'dj', 1, $now FROM missions;
INSERT INTO mission_crew (organization_id, mission_id, user_id, position, is_lead, created_at)
SELECT 1, id, 2 + (id + 50) % 99, 'technician', 0, $now FROM missions;
INSERT INTO mission_equipment (organization_id, mission_id, equipment_item_id, quantity, created_at)
SELECT 1, id, 1 + id % 200, 1 + id % 3, $now FROM missions;
INSERT INTO mission_equipment (organization_id, mission_id, equipment_item_id, quantity, created_at)
SELECT 1, id, 1 + (id + 67) % 200, 1, $now FROM missions;
INSERT INTO mission_equipment (organization_id, mission_id, equipment_item_id, quantity, created_at)
SELECT 1, id, 1 + (id + 133) % 200, 1, $now FROM missions;
SQL
  # What autovacuum would have done by the time anyone looks at the calendar (statistics, and
  # the visibility map that lets PostgreSQL answer from an index alone).
  [[ $1 == postgres ]] && echo "VACUUM ANALYZE;"
  return 0
}

# The documents data set (bench/documents, bench/exports): 10,000 issued invoices over 600 days
# from 2025-01-01, three lines each (30,000), one client snapshot. $1 = dialect; prints the SQL.
# Organisation 1 and its owner (user 1) exist already.
seed_invoices_sql() {
  local day now="'2026-11-25T00:00:00.000Z'"
  if [[ $1 == sqlite ]]; then
    day() { echo "date('2025-01-01', '+' || ($1) || ' days')"; }
  else
    day() { echo "(DATE '2025-01-01' + ($1)::int)"; }
  fi
  local seller='{"name":"Bench Sono","legal_name":"Bench Sono SAS","legal_form":"SAS","siren":"732829320","vat_number":"FR44732829320","address_line1":"1 rue du Parc","postal_code":"37000","city":"Tours","iban":"FR7630006000011234567890189","bic":"AGRIFRPP","brand_color":"#4f46e5"}'
  local legal="{\"title\":\"Facture\",\"seller\":[\"Bench Sono SAS, SAS au capital de 10 000,00 €\",\"1 rue du Parc, 37000 Tours\",\"SIREN 732 829 320\",\"N° TVA intracommunautaire : FR44732829320\"],\"buyer\":[\"Client bench\",\"2 allée des Tilleuls, 69003 Lyon\"],\"dates\":[\"Date : 01/06/2026\",\"Date d''échéance : 01/07/2026\"],\"mentions\":[\"Nature de l''opération : prestation de services\",\"Pas d''escompte pour paiement anticipé\",\"Pénalités de retard : 10 % par an\",\"Indemnité forfaitaire pour frais de recouvrement : 40 €\"],\"reverse_charge\":false}"
  local client='{"kind":"company","name":"Client bench","billing":{"line1":"2 allée des Tilleuls","postal_code":"69003","city":"Lyon","country":"FR"}}'
  local vat='[{"rate_bp":2000,"base_cents":70000,"discount_cents":0,"vat_cents":14000},{"rate_bp":550,"base_cents":2000,"discount_cents":0,"vat_cents":110}]'
  cat <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO invoices (organization_id, number, kind, status, title, client_name, client_email,
  client_is_business, client_snapshot, seller_snapshot, vat_regime, total_net_cents,
  total_vat_cents, total_gross_cents, vat_breakdown, amount_paid_cents, issue_date, issued_at,
  due_date, legal_mentions, search_text, created_at, updated_at)
SELECT 1, 'FAC-2026-' || substr('0000' || i, length('0000' || i) - 4), 'standard',
  CASE i % 4 WHEN 0 THEN 'paid' WHEN 1 THEN 'partially_paid' ELSE 'issued' END,
  'Soirée ' || i, 'Client bench', 'client@bench.fr', 1, '$client', '$seller', 'standard',
  72000, 14110, 86110, '$vat', CASE i % 4 WHEN 0 THEN 86110 WHEN 1 THEN 10000 ELSE 0 END,
  $(day "i % 600"), $now, $(day "i % 600 + 30"), '$legal',
  'fac 2026 ' || i || ' soiree ' || i || ' client bench', $now, $now FROM n;
INSERT INTO invoice_lines (organization_id, document_id, position, kind, description, unit,
  quantity_milli, unit_price_cents, vat_rate_bp, net_cents)
SELECT 1, id, 0, 'service', 'Animation DJ — soirée dansante, sonorisation et éclairage', 'hour',
  6000, 10000, 2000, 60000 FROM invoices;
INSERT INTO invoice_lines (organization_id, document_id, position, kind, description, unit,
  quantity_milli, unit_price_cents, vat_rate_bp, net_cents)
SELECT 1, id, 1, 'travel', 'Frais de déplacement', 'flat', 1000, 10000, 2000, 10000 FROM invoices;
INSERT INTO invoice_lines (organization_id, document_id, position, kind, description, unit,
  quantity_milli, unit_price_cents, vat_rate_bp, net_cents)
SELECT 1, id, 2, 'product', 'Livret de chansons', 'unit', 2000, 1000, 550, 2000 FROM invoices;
SQL
  # What autovacuum would have done by the time anyone looks at 10,000 invoices (statistics,
  # and the visibility map that lets PostgreSQL answer the sums from the covering index).
  [[ $1 == postgres ]] && echo "VACUUM ANALYZE;"
  return 0
}
