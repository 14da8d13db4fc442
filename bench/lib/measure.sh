# shellcheck shell=bash disable=SC2034,SC2154 # globals shared by bench/run and its parts
# Load runs with wrk and their bookkeeping, sourced by bench/run. Every run appends one record to $RECORDS:
#   label<TAB>run<TAB>rps<TAB>p50_us<TAB>p99_us<TAB>errors<TAB>peak_rss_kb<TAB>exhausted
#   <TAB>server_cpu_us_per_request
# (errors = non-2xx answers + socket errors; CPU = mytokend's user + system time during the run / requests,
# which other load on the machine hardly changes); medians over the runs of a label come from `median`.

export BENCH_WRK_DIR=$BENCH_DIR/wrk
RECORDS=$TMP/records.tsv
: >"$RECORDS"

rss_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; } # rss_kb PID VmRSS|VmHWM
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; } # user + system, clock ticks
# Resets the peak RSS (VmHWM) of PID to its current RSS (Linux: clear_refs 5), so a run's peak is its own.
reset_peak_rss() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }

# wrk_run LABEL CONNECTIONS URL SCRIPT [SCRIPT ARGS...]: one timed run of $DURATION seconds against URL with
# bench/wrk/SCRIPT; prints a one-line summary and records it. The server's peak RSS is its VmHWM after the run.
wrk_run() {
  local label=$1 conns=$2 url=$3 script=$4 out line run ticks cpu
  shift 4
  out=$TMP/wrk.out
  reset_peak_rss "$MT_PID"
  ticks=$(cpu_ticks "$MT_PID")
  wrk -t "$WRK_THREADS" -c "$conns" -d "${DURATION}s" --timeout 10s -s "$BENCH_WRK_DIR/$script" "$url" -- "$@" \
    >"$out" 2>&1 || die "wrk failed: $(tail -3 "$out")"
  line=$(grep '^BENCH ' "$out") || die "wrk printed no BENCH line: $(tail -5 "$out")"
  cpu=$(awk -v t=$(($(cpu_ticks "$MT_PID") - ticks)) -v hz="$(getconf CLK_TCK)" -v n="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")" \
    'BEGIN { printf "%.0f", (n > 0 ? t * 1e6 / hz / n : 0) }')
  run=$(($(awk -F'\t' -v l="$label" '$1 == l' "$RECORDS" | wc -l) + 1))
  # shellcheck disable=SC2086 # the BENCH line is key=value words
  local $line # requests duration_us rps p50_us p90_us p99_us max_us non2xx socket_errors exhausted
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$run" "$rps" "$p50_us" "$p99_us" \
    $((non2xx + socket_errors)) "$(rss_kb "$MT_PID" VmHWM)" "$exhausted" "$cpu" >>"$RECORDS"
  say "  $(printf '%-34s run %d: %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d  CPU %5d µs/req  peak RSS %d MB%s' \
    "$label" "$run" "$rps" "$(ms "$p50_us")" "$(ms "$p99_us")" $((non2xx + socket_errors)) "$cpu" \
    $(($(rss_kb "$MT_PID" VmHWM) / 1024)) "$( ((exhausted == 0)) || echo "  POOL EXHAUSTED ($exhausted)")")"
}
# repeat N wrk_run ARGS...: N runs of the same measurement.
repeat() {
  local n=$1 i
  shift
  for ((i = 0; i < n; i++)); do "$@"; done
}

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
# median LABEL FIELD (rps|p50|p99|errors|rss|exhausted|cpu): median over the runs of LABEL (max for errors,
# rss and exhausted: one bad run is what matters there); empty if LABEL has no runs.
median() {
  local col
  case $2 in rps) col=3 ;; p50) col=4 ;; p99) col=5 ;; errors) col=6 ;; rss) col=7 ;; exhausted) col=8 ;; cpu) col=9 ;; esac
  awk -F'\t' -v l="$1" -v c="$col" '$1 == l { print $c }' "$RECORDS" | sort -g | awk -v f="$2" '
    { v[NR] = $1 }
    END { if (NR == 0) exit
          if (f == "errors" || f == "rss" || f == "exhausted") print v[NR]
          else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
has_runs() { [[ -n $(median "$1" rps) ]]; }
# ratio A B: A / B with two decimals (empty if either is empty or B is 0)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b + 0 != 0) printf "%.2f", a / b }'; }

# Single figures (start-up times, sizes, RSS): record_value NAME VALUE, value NAME.
VALUES=$TMP/values.tsv
: >"$VALUES"
record_value() { printf '%s\t%s\n' "$1" "$2" >>"$VALUES"; }
value() { awk -F'\t' -v n="$1" '$1 == n { v = $2 } END { print v }' "$VALUES"; }
