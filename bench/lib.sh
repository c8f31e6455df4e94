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
