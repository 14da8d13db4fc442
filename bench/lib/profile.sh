# shellcheck shell=bash disable=SC2034,SC2154 # globals shared by bench/run and its parts
# --profile: where mytokend spends its CPU time in the main scenarios (perf sampling of the running server;
# software clock events, so it works in VMs without hardware counters). Writes $TMP/profiles.md.

# profile_run TITLE COMMAND...: perf record on mytokend while COMMAND (a wrk_run) runs; the top symbols.
profile_run() {
  local title=$1 data=$TMP/perf.data
  shift
  perf record -e cpu-clock -F 999 -o "$data" -p "$MT_PID" >/dev/null 2>&1 &
  PERF_PID=$!
  sleep 0.5
  "$@"
  kill -INT "$PERF_PID" 2>/dev/null
  wait "$PERF_PID" 2>/dev/null || true
  PERF_PID=""
  {
    echo "### $title"
    echo
    echo "Share of mytokend's CPU samples per function (self time, top 25) and per library:"
    echo
    echo '```text'
    perf report -i "$data" --no-children --sort symbol --percent-limit 0.8 --stdio 2>/dev/null |
      grep -E '^ +[0-9]' | sed -E 's/[[:space:]-]+$//' | head -25
    echo
    perf report -i "$data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' |
      sed -E 's/[[:space:]]+$//' | head -10
    echo '```'
    echo
  } >>"$TMP/profiles.md"
}

profile_scenarios() {
  command -v perf >/dev/null || { say "--profile: perf is not installed"; return 0; }
  say "== profiles (perf)"
  PROFILES=1
  : >"$TMP/profiles.md"
  MYTOKEN=$MAIN_MYTOKEN
  token_bodies
  profile_run "Introspection, 64 connections" introspect_run profile.introspect
  profile_run "Sub-token creation (ES512), 64 connections" subtoken_run profile.subtoken
  at_login
  profile_run "Access token through mytokend, c=$AT_CONNS" at_through_mytokend profile.at "$AT_CONNS"
  MYTOKEN=$MAIN_MYTOKEN
}
