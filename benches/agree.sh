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

python3 - "$work/zeren.jsonl" "$work/handwritten.jsonl" "$n" "$seed" <<'EOF'
import json, sys

zeren_path, hand_path, n, seed = sys.argv[1:5]
KEYS = ["case", "accountable", "rung", "authority", "people", "escalations",
        "rectification_ordered", "unit_consequences", "duty_breaches", "circumstances",
        "scope", "in_force", "articles"]
SHOW = 5

def main_keys(d):
    return {k: d.get(k, "<missing>") for k in KEYS}

compared = differences = 0
shown = []
with open(zeren_path, encoding="utf-8") as z, open(hand_path, encoding="utf-8") as h:
    for line, (zl, hl) in enumerate(zip(z, h), 1):
        compared += 1
        try:
            zd, hd = json.loads(zl), json.loads(hl)
        except json.JSONDecodeError as e:
            zd, hd = {"error": f"not JSON: {e}"}, {}
        if "error" in zd or "error" in hd:
            differences += 1
            if len(shown) < SHOW:
                shown.append((line, ["error"], zd.get("error"), hd.get("error")))
            continue
        za, ha = main_keys(zd), main_keys(hd)
        if za != ha:
            differences += 1
            if len(shown) < SHOW:
                keys = [k for k in KEYS if za[k] != ha[k]]
                shown.append((line, keys, {k: za[k] for k in keys}, {k: ha[k] for k in keys}))
    extra = sum(1 for _ in z) + sum(1 for _ in h)

for line, keys, zv, hv in shown:
    print(f"line {line}: {', '.join(keys)} differ")
    print("  zeren:       " + json.dumps(zv, ensure_ascii=False)[:2000])
    print("  handwritten: " + json.dumps(hv, ensure_ascii=False)[:2000])
if extra or compared != int(n):
    print(f"line counts differ: {compared} compared of {n} cases, {extra} lines left over")
    differences += 1
print(f"seed {seed}: {compared} cases compared, {differences} differences")
sys.exit(1 if differences else 0)
EOF
