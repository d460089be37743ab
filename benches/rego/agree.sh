#!/usr/bin/env bash
# Checks that the Rego translation of the national measures (benches/rego/measures.rego, run by
# regorus) decides as the hand-written baseline of the batch benchmark does, and so as zeren does
# (benches/agree.sh checks the hand-written against zeren).
#
#   benches/rego/agree.sh [N [SEED]]     (default: 100000 cases, seed 1)
#
# Builds the two examples and regorus-batch (release), writes N cases of the corpus for SEED,
# decides them with `handwritten` and with `regorus-batch`, and compares the main keys line by line
# (benches/tools/same_keys.py, as benches/agree.sh does).
# Prints the number of cases compared and of differences (the first few in full); exits 1 on any
# difference, or when regorus-batch refuses a case of the corpus.
set -euo pipefail

n=${1:-100000}
seed=${2:-1}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=$(mktemp -d "${TMPDIR:-/tmp}/zeren-rego-agree.XXXXXX")
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --example corpus --example handwritten
cargo build --release --quiet --manifest-path benches/rego/Cargo.toml --target-dir target/rego
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
bin=$target/x86_64-unknown-linux-gnu/release
regorus=$target/rego/x86_64-unknown-linux-gnu/release/regorus-batch

"$bin/examples/corpus" "$n" "$seed" > "$work/cases.jsonl"
"$bin/examples/handwritten" < "$work/cases.jsonl" > "$work/handwritten.jsonl"
# regorus-batch's exit status is 1 when a line is refused: the comparison below reports it.
"$regorus" < "$work/cases.jsonl" > "$work/regorus.jsonl" || true

python3 benches/tools/same_keys.py regorus "$work/regorus.jsonl" handwritten "$work/handwritten.jsonl" "$n" "$seed"
