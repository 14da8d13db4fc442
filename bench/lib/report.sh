# shellcheck shell=bash disable=SC2034,SC2154 # globals shared by bench/run and its parts
# Renders bench/RESULTS.md from the records of a bench/run (write_results > FILE).

mb() { awk -v kb="$1" 'BEGIN { if (kb != "") printf "%.1f", kb / 1024 }'; }
# row LABEL [BASELINE-LABEL BASIS (rps|p50)]: one table row of the medians of LABEL, with the ratio to the baseline
row() {
  local l=$1 base=${2-} basis=${3-rps} r=""
  has_runs "$l" || return 0
  [[ -n $base ]] && r=$(ratio "$(median "$l" "$basis")" "$(median "$base" "$basis")")
  printf '| %s | %.0f | %s | %s | %s | %s | %s | %s |\n' "$l" "$(median "$l" rps)" "$(ms "$(median "$l" p50)")" \
    "$(ms "$(median "$l" p99)")" "$(median "$l" errors)" "$(median "$l" cpu)" "$(mb "$(median "$l" rss)")" \
    "${r:+$r× ${base} ($basis)}"
}
table_head() {
  echo '| Measurement | req/s | p50 ms | p99 ms | errors (max) | mytokend CPU µs/req | peak RSS MB (max) | ratio to baseline |'
  echo '|---|---|---|---|---|---|---|---|'
}
# capacity LABEL: req/s that mytokend's CPU per request would allow with every core of the machine to itself.
capacity() {
  awk -v c="$(median "$1" cpu)" -v n="$(nproc)" 'BEGIN { if (c != "" && c + 0 > 0) printf "%.0f", n * 1e6 / c }'
}
met() { if awk "BEGIN { exit !($1) }" 2>/dev/null; then echo "**met**"; else echo "**not met**"; fi; }
target() { # target TEXT FIGURE CONDITION (awk expression; empty figure = not measured)
  if [[ -z $2 ]]; then printf '| %s | not measured | — |\n' "$1"; else printf '| %s | %s | %s |\n' "$1" "$2" "$(met "$3")"; fi
}

machine() {
  echo "- Date: $STARTED; command: \`$COMMAND\`"
  echo "- Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, kernel $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME"); load average (1, 5, 15 min) at the start: $LOAD_AT_START, at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other engineers build on the same machine)"
  echo "- Build: Release (\`$BUILD\`), $(g++ --version | head -1); wrk $({ wrk -v 2>&1 || true; } | awk 'NR == 1 { print $2 }'), $WRK_THREADS wrk threads, timeout 10 s"
  echo "- Method: $RUNS runs of ${DURATION} s per measurement, medians (errors and RSS: the worst run); the dev OP (Node.js, dev/op), wrk and mytokend share the machine; mytokend with server defaults (2 I/O threads, 8 workers), SQLite, logging at info"
}

targets_table() {
  local at_ratio at64_err intro_rps intro_share intro_p99="" sub512 sub256 subed flat bytes_wo idle peak
  at_ratio=$(ratio "$(median "at.mytokend.c$AT_CONNS" p50)" "$(median "at.direct.c$AT_CONNS" p50)")
  at64_err=$(median at.mytokend.c64 errors)
  intro_rps=$(median introspect rps)
  intro_share=$(ratio "$intro_rps" "$(median health rps)")
  has_runs introspect && intro_p99=$(ms "$(median introspect p99)")
  sub512=$(median subtoken.ES512 rps) sub256=$(median subtoken.ES256 rps) subed=$(median subtoken.EdDSA rps)
  idle=$(mb "$(value rss.idle)") peak=$(mb "$(value rss.peak)")
  echo '| Target (issue 3, 2-core machine) | Measured | |'
  echo '|---|---|---|'
  target "AT p50 ≤ 1.2× the direct OP refresh grant (c=$AT_CONNS)" "${at_ratio:+${at_ratio}×}" "$at_ratio <= 1.2"
  target "AT: no errors at 64 concurrent clients" "${at64_err:+$at64_err errors}" "$at64_err == 0"
  target "Introspect ≥ 50 % of the bare-endpoint ceiling" "${intro_share:+$(awk -v r="$intro_share" 'BEGIN { printf "%.0f %%", r * 100 }')}" "$intro_share >= 0.5"
  target "Introspect ≥ 10k req/s" "${intro_rps:+$(printf '%.0f' "$intro_rps") req/s (CPU-bound estimate for mytokend alone: $(capacity introspect)/s)}" "$intro_rps >= 10000"
  target "Introspect p99 < 5 ms at 64 connections" "${intro_p99:+$intro_p99 ms}" "$intro_p99 < 5"
  target "Sub-token creation ≥ 1,500/s (SQLite, ES512)" "${sub512:+$(printf '%.0f' "$sub512")/s (CPU-bound estimate for mytokend alone: $(capacity subtoken.ES512)/s)}" "$sub512 >= 1500"
  target "… faster with ES256" "${sub256:+$(printf '%.0f' "$sub256")/s}" "$sub256 > $sub512"
  target "… faster with EdDSA" "${subed:+$(printf '%.0f' "$subed")/s}" "$subed > $sub512"
  local b first last
  for b in $BACKENDS; do
    first=$(awk '{ print $1 }' <<<"$SIZES") last=$(awk '{ print $NF }' <<<"$SIZES")
    has_runs "scale.$b.$first.introspect" || continue
    flat=$(ratio "$(median "scale.$b.$last.introspect" p50)" "$(median "scale.$b.$first.introspect" p50)")
    target "Store ($b): introspect p50 flat from $first to $last tokens (±25 %)" "${flat:+${flat}×}" "$flat <= 1.25"
    flat=$(ratio "$(median "scale.$b.$last.at" p50)" "$(median "scale.$b.$first.at" p50)")
    target "Store ($b): AT p50 flat from $first to $last tokens (±25 %)" "${flat:+${flat}×}" "$flat <= 1.25"
    flat=$(ratio "$(median "scale.$b.$last.introspect" cpu)" "$(median "scale.$b.$first.introspect" cpu)")
    target "Store ($b): mytokend CPU per introspection flat from $first to $last tokens (±25 %)" "${flat:+${flat}×}" "$flat <= 1.25"
    flat=$(ratio "$(median "scale.$b.$last.at" cpu)" "$(median "scale.$b.$first.at" cpu)")
    target "Store ($b): mytokend CPU per AT request flat from $first to $last tokens (±25 %)" "${flat:+${flat}×}" "$flat <= 1.25"
    bytes_wo=$(per_token "$b" "$last" without-history)
    flat=$(ratio "$bytes_wo" "$(per_token "$b" "$first" without-history)")
    target "Store ($b): bytes per token (without history) flat from $first to $last tokens (±25 %)" "${flat:+${flat}×}" "$flat <= 1.25"
    target "Store ($b): < 1 KiB per token without history ($last tokens)" "${bytes_wo:+$bytes_wo B}" "$bytes_wo < 1024"
  done
  target "RSS idle < 50 MB" "${idle:+$idle MB}" "$idle < 50"
  target "RSS under load < 150 MB" "${peak:+$peak MB}" "$peak < 150"
}

# per_token BACKEND SIZE [without-history]: database bytes per seeded token above the empty database.
per_token() {
  local l=scale.$1.$2 b=scale.$1.base
  awk -v t="$(value "$l.bytes")" -v h="$(value "$l.history_bytes")" -v t0="$(value "$b.bytes")" \
    -v h0="$(value "$b.history_bytes")" -v n="$2" -v w="${3-}" \
    'BEGIN { if (t == "") exit; if (w != "") { t -= h; t0 -= h0 }; printf "%.0f", (t - t0) / n }'
}

scale_table() {
  local b size l
  echo '| Backend | Tokens | DB bytes/token | without history | seeding logins/s | start-up ms | introspect req/s | p50 ms | p99 ms | AT (c='"$AT_CONNS"') p50 ms | p99 ms | errors |'
  echo '|---|---|---|---|---|---|---|---|---|---|---|---|'
  for b in $BACKENDS; do
    if [[ -n ${SCALE_SKIPPED[$b]-} ]]; then echo "| $b | skipped: ${SCALE_SKIPPED[$b]} |||||||||||"; continue; fi
    for size in $SIZES; do
      l=scale.$b.$size
      has_runs "$l.introspect" || continue
      printf '| %s | %s | %s | %s | %s | %s | %.0f | %s | %s | %s | %s | %s |\n' "$b" "$size" \
        "$(per_token "$b" "$size")" "$(per_token "$b" "$size" without-history)" \
        "$(value "$l.seed_rate")" "$(value "$l.startup_ms")" "$(median "$l.introspect" rps)" \
        "$(ms "$(median "$l.introspect" p50)")" "$(ms "$(median "$l.introspect" p99)")" \
        "$(ms "$(median "$l.at" p50)")" "$(ms "$(median "$l.at" p99)")" \
        "$(($(median "$l.introspect" errors) + $(median "$l.at" errors)))"
    done
  done
}

write_results() {
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run\` (how to run and read it: [README.md](README.md)). Figures of one machine and one"
  echo "day; compare ratios, not absolute numbers, across machines."
  echo
  machine
  echo
  echo "## Targets"
  echo
  targets_table
  echo
  echo "## 1. Access token: mytokend vs the dev OP's refresh grant"
  echo
  echo "\`POST /api/v0/token/access\` (grant_type mytoken, unrestricted token, no usage limit) vs the same refresh grant"
  echo "(\`grant_type=refresh_token\`, client_secret_basic) sent straight to the dev OP's \`/token\`; runs interleaved."
  echo "Ratio: p50 of mytokend / p50 of the direct grant at the same concurrency. \`families$AT_CONNS\`: the same load spread"
  echo "over the tokens of $AT_CONNS logins (requests of one token family wait for each other's OP call: single flight)."
  echo
  table_head
  row "at.direct.c$AT_CONNS"
  row "at.mytokend.c$AT_CONNS" "at.direct.c$AT_CONNS" p50
  row "at.mytokend.c$AT_CONNS.families$AT_CONNS" "at.direct.c$AT_CONNS" p50
  row at.direct.c64
  row at.mytokend.c64 at.direct.c64 p50
  echo
  echo "### 1b. With \`providers[].access_token_reuse: {enabled: true, min_lifetime: 60}\`"
  echo
  if [[ -n $REUSE_SKIPPED ]]; then
    echo "Skipped: $REUSE_SKIPPED."
  else
    table_head
    row "at.reuse.c$AT_CONNS" "at.direct.c$AT_CONNS" p50
    row at.reuse.c64 at.direct.c64 p50
    echo
    local c
    for c in "${!OP_CALLS_REUSE[@]}"; do
      echo "- c=$c: ${OP_CALLS_REUSE[$c]} refresh grants reached the OP for ${AT_REQUESTS_REUSE[$c]} AT requests."
    done
  fi
  echo
  echo "## 2. Token-local operations vs the bare endpoint (64 connections)"
  echo
  echo "Baseline: \`GET /health\` of the same server (parses nothing, touches no database): the HTTP layer's ceiling."
  echo "Ratio: req/s / req/s of /health. Sub-token creation: \`POST /api/v0/token/my\` grant_type mytoken (capabilities"
  echo "[AT]); revocation: one fresh sub-token per request (minted before each run); transfer: create and exchange"
  echo "alternate, every request counted."
  echo
  table_head
  row health
  local l
  for l in introspect subtoken.ES512 subtoken.ES256 subtoken.EdDSA transfer revocation; do row "$l" health; done
  if [[ -n $LIMITER_SKIPPED ]]; then
    echo
    echo "Request rate limiter: not measured ($LIMITER_SKIPPED)."
  else
    row health.limits health
    row introspect.limits introspect
  fi
  if [[ $(median revocation exhausted) -gt 0 ]] 2>/dev/null; then
    echo
    echo "**Revocation pool exhausted in a run: its figures are not valid.**"
  fi
  echo
  echo "## 3. Store scale"
  echo
  echo "Seeded through the Store port with realistic finished logins (\`bench/seed\`); \"without history\" leaves out the"
  echo "tables \`events\` and \`access_tokens\` (and their indexes). Bytes per token are above the empty database (schema,"
  echo "catalogs); the full figure also holds the events and AT records the runs at the smaller sizes wrote for the"
  echo "measured token. Start-up: exec to the first answer of /health, median of 3."
  echo
  scale_table
  echo
  echo "## 4. Memory (mytokend VmRSS / VmHWM, ES512 server of scenarios 1–2)"
  echo
  echo "| Idle after start | Peak under load (max of the runs) | After load (5 s later) |"
  echo "|---|---|---|"
  echo "| $(mb "$(value rss.idle)") MB | $(mb "$(value rss.peak)") MB | $(mb "$(value rss.after)") MB |"
  echo
  if [[ -s $TMP/micro.txt ]]; then
    echo "## Micro benchmarks (bench/micro)"
    echo
    echo '```text'
    grep -v '^\*\*\*WARNING' "$TMP/micro.txt"
    echo '```'
    echo
  fi
  if [[ -n $PROFILES ]]; then
    echo "## Where the time goes (perf, --profile)"
    echo
    cat "$TMP/profiles.md"
    echo
  fi
  echo "## Every run"
  echo
  echo '| label | run | req/s | p50 µs | p99 µs | errors | peak RSS kB | pool exhausted | mytokend CPU µs/req |'
  echo '|---|---|---|---|---|---|---|---|---|'
  awk -F'\t' '$1 != "mint" { printf "| %s | %s | %.0f | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$RECORDS"
}
