#!/usr/bin/env bash
# Checks that the Rego translation of the national measures (benches/rego/measures.rego, run by
# regorus) decides as the hand-written baseline of the batch benchmark does, and so as zeren does
# (benches/agree.sh checks the hand-written against zeren).
#
#   benches/rego/agree.sh [N [SEED]]     (default: 100000 cases, seed 1)
#
# Builds the two examples and regorus-batch (release), writes N cases of the corpus for SEED,
# decides them with `handwritten` and with `regorus-batch`, and compares the main keys line by line.
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

python3 - "$work/regorus.jsonl" "$work/handwritten.jsonl" "$n" "$seed" <<'PY'
import json, sys

rego_path, hand_path, n, seed = sys.argv[1:5]
KEYS = ["case", "accountable", "rung", "authority", "people", "escalations",
        "rectification_ordered", "unit_consequences", "duty_breaches", "circumstances",
        "scope", "in_force", "articles"]
SHOW = 5

def main_keys(d):
    return {k: d.get(k, "<missing>") for k in KEYS}

compared = differences = 0
shown = []
with open(rego_path, encoding="utf-8") as r, open(hand_path, encoding="utf-8") as h:
    for line, (rl, hl) in enumerate(zip(r, h), 1):
        compared += 1
        try:
            rd, hd = json.loads(rl), json.loads(hl)
        except json.JSONDecodeError as e:
            rd, hd = {"error": f"not JSON: {e}"}, {}
        if "error" in rd or "error" in hd:
            differences += 1
            if len(shown) < SHOW:
                shown.append((line, ["error"], rd.get("error"), hd.get("error")))
            continue
        ra, ha = main_keys(rd), main_keys(hd)
        if ra != ha:
            differences += 1
            if len(shown) < SHOW:
                keys = [k for k in KEYS if ra[k] != ha[k]]
                shown.append((line, keys, {k: ra[k] for k in keys}, {k: ha[k] for k in keys}))
    extra = sum(1 for _ in r) + sum(1 for _ in h)

for line, keys, rv, hv in shown:
    print(f"line {line}: {', '.join(keys)} differ")
    print("  regorus:     " + json.dumps(rv, ensure_ascii=False)[:2000])
    print("  handwritten: " + json.dumps(hv, ensure_ascii=False)[:2000])
if extra or compared != int(n):
    print(f"line counts differ: {compared} compared of {n} cases, {extra} lines left over")
    differences += 1
print(f"seed {seed}: {compared} cases compared, {differences} differences")
sys.exit(1 if differences else 0)
PY
