#!/usr/bin/env bash
# Load on `zeren serve` over loopback (issue 16): single-case decide and a 10,000-case JSON Lines
# batch (requests/s, p50/p99, CPU and memory of the server), 60 s at saturation (memory at the
# start and the end), and reloads under load (requests sent against those answered).
#   benches/serve.sh [SECONDS]    (SECONDS per run, default 20; the saturation run is 60 s)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
cargo build --release --quiet --bin zeren --example load --example corpus
zeren=target/x86_64-unknown-linux-gnu/release/zeren
load=target/x86_64-unknown-linux-gnu/release/examples/load
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
cp examples/cases/mixed-roles-multi-person.yaml "$tmp/one.yaml"
target/x86_64-unknown-linux-gnu/release/examples/corpus 10000 1 > "$tmp/batch.jsonl"
mkdir "$tmp/layers" && cp policies/regions/sample-province.policy "$tmp/layers/"

"$zeren" serve --addr 127.0.0.1:0 --policy "$tmp/layers" --max-body $((64 << 20)) > "$tmp/out" 2> /dev/null &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/out" && break; sleep 0.1; done
addr=$(sed -n 's/.*http:\/\///p' "$tmp/out" | head -1)
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' /proc/$pid/stat; }
rss() { awk '/^VmRSS/ {print $2}' /proc/$pid/status; }
hwm() { awk '/^VmHWM/ {print $2}' /proc/$pid/status; }
echo "server: $("$zeren" --version), $(nproc) cores, idle RSS $(( $(rss) / 1024 )) MB"

measure() { # NAME PATH TYPE FILE CONNS SECONDS
  local c0 t0 c1 t1
  c0=$(cpu); t0=$(date +%s.%N)
  "$load" "$addr" "$2" "$3" "$4" "$5" "$6"
  c1=$(cpu); t1=$(date +%s.%N)
  echo "  $1: server CPU $(awk -v c="$((c1 - c0))" -v k="$tick" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", c / k / (b - a) * 100}')% of one core, RSS $(( $(rss) / 1024 )) MB (peak $(( $(hwm) / 1024 )) MB)"
}

measure "single case, 8 connections" "/v1/decide" application/yaml "$tmp/one.yaml" 8 "$secs"
measure "single case, 1 connection" "/v1/decide" application/yaml "$tmp/one.yaml" 1 "$secs"
measure "10,000-case JSON Lines batch, 2 connections" "/v1/decide" application/x-ndjson "$tmp/batch.jsonl" 2 "$secs"

echo "saturation, 60 s:"
before=$(rss)
measure "single case, 16 connections" "/v1/decide" application/yaml "$tmp/one.yaml" 16 60
echo "  RSS before $(( before / 1024 )) MB, after $(( $(rss) / 1024 )) MB"

echo "reloads under load ($secs s, a reload every 0.5 s, by POST and by SIGHUP in turn):"
(
  end=$((SECONDS + secs)); n=0
  while [ $SECONDS -lt $end ]; do
    if [ $((n % 2)) = 0 ]; then curl -s -o /dev/null -X POST "http://$addr/v1/reload"; else kill -HUP $pid; fi
    n=$((n + 1)); sleep 0.5
  done
  echo "  $n reloads sent"
) &
reloader=$!
measure "single case, 8 connections, reloading" "/v1/decide" application/yaml "$tmp/one.yaml" 8 "$secs"
wait $reloader
curl -s "http://$addr/metrics" | grep '^zeren_reloads_total' | sed 's/^/  /'
