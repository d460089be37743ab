#!/usr/bin/env bash
# Checks that the hand-written baseline of the batch benchmark decides as zeren does.
#
#   benches/agree.sh [N [SEED]]     (default: 100000 cases, seed 1)
#
# Builds zeren and the two examples (release), writes N cases of the corpus for SEED, decides them
# with `zeren eval --format jsonl` and with `handwritten`, and compares the main keys line by line.
# Prints the number of cases compared and of differences (the first few in full); exits 1 on any
# difference, or when zeren refuses a case of the corpus.
set -euo pipefail

n=${1:-100000}
seed=${2:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d "${TMPDIR:-/tmp}/zeren-agree.XXXXXX")
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin zeren --example corpus --example handwritten
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/x86_64-unknown-linux-gnu/release

"$target/examples/corpus" "$n" "$seed" > "$work/cases.jsonl"
# zeren's exit status is 1 when a line is refused: the comparison below reports it.
"$target/zeren" eval "$work/cases.jsonl" --format jsonl > "$work/zeren.jsonl" || true
"$target/examples/handwritten" < "$work/cases.jsonl" > "$work/handwritten.jsonl"

python3 benches/tools/same_keys.py zeren "$work/zeren.jsonl" handwritten "$work/handwritten.jsonl" "$n" "$seed"
