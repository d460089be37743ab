#!/usr/bin/env bash
# Runs the fuzz targets one after another, SECONDS each: `fuzz/run.sh SECONDS [TARGET...]`
# (targets: policy case scenario; all by default). Exits non-zero on the first crash, hang
# (-timeout) or runaway memory (-rss_limit_mb); the input is left in fuzz/artifacts/TARGET/.
# CI runs it briefly (.ci/run); for a long run see fuzz/README.md. Needs rustup's nightly;
# installs cargo-fuzz when absent. Extra libFuzzer flags: FUZZ_FLAGS="-fork=1 …".
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("${@:-policy case scenario}")
targets=(${targets[@]})
cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
./seed.sh
for t in "${targets[@]}"; do
  echo "== fuzz $t: ${secs}s"
  # One process; the committed regressions are run first, then the corpus is grown.
  cargo +nightly fuzz run "$t" "corpus/$t" "regressions/$t" -- \
    -dict="dict/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ${FUZZ_FLAGS:-}
done
