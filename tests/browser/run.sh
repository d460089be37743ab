#!/usr/bin/env bash
# The workbench's browser test: starts `zeren serve` on a free loopback port, runs workbench.mjs
# against it in Debian's chromium, stops the server. Usage: tests/browser/run.sh ZEREN [SCREENSHOT]
set -euo pipefail
zeren=$(realpath "$1")
shot=${2:+$(realpath -m "$2")}
cd "$(dirname "$0")"
out=$(mktemp)
"$zeren" serve --addr 127.0.0.1:0 --policy ../../policies/regions/sample-province.policy > "$out" 2> "$out.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out" "$out.log"' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$out" && break
  sleep 0.1
done
url=$(sed -n 's/.*listening on //p' "$out" | head -1)
[ -n "$url" ] || { echo "the server did not start" >&2; cat "$out.log" >&2; exit 1; }
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund > /dev/null
timeout 120 node workbench.mjs "$url" ${shot:+"$shot"}
