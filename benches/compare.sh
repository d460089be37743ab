#!/usr/bin/env bash
# Batch speed, side by side (issue 15): the hand-written Rust decision of the national measures
# (benches/handwritten.rs, the limit), Rego's VM (regorus, deciding the same measures written in
# Rego: benches/rego/), zeren on JSON Lines, zeren on the same cases as one YAML stream, and the
# YAML parser alone on that stream (the floor of any YAML pipeline). One run, engines
# interleaved, REPS repetitions, medians.
#
#   benches/compare.sh [SIZES] [REPS] [SEED]     e.g. benches/compare.sh "10000 100000 1000000" 3 1
#
# For each size: end-to-end cases/s, bytes out a case, peak memory, cores used (CPU% / 100); zeren
# on JSON Lines is run on one core too (taskset), for what the second core gives. At 100,000, the
# same cases with 5,000 errors, as records (errors-jsonl) and for people (errors-people).
# Then, on 2,000 cases, instructions a case by valgrind's callgrind (start-up subtracted), and one
# case's start-up (the median of 41 runs, beside `zeren --version`'s). The table is printed and written to
# target/compare.md. benches/rego/agree.sh checks that regorus decides as the hand-written code does.
# NO_INSTR=1 leaves out the callgrind counts (a quick look at the rates); NO_REGO=1 leaves out
# regorus (the slowest engine: some 3 minutes of the run at 1,000,000 cases).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"10000 100000 1000000"}
reps=${2:-3}
seed=${3:-1}
work=target/compare
mkdir -p "$work"
cargo build --release --quiet --bin zeren --example corpus --example handwritten --example yaml_events
bin=target/x86_64-unknown-linux-gnu/release
zeren=$bin/zeren
rego=""
if [ -z "${NO_REGO:-}" ]; then
  # A package of its own (its own lock file and target folder), so that zeren's build and tests
  # never compile regorus.
  cargo build --release --quiet --manifest-path benches/rego/Cargo.toml --target-dir target/rego
  rego=target/rego/x86_64-unknown-linux-gnu/release/regorus-batch
fi

# run NAME OUT CMD...: one timed run; appends "NAME seconds peak_kb cpu% out_bytes" to $work/runs.
# The seconds are read from the clock to the nanosecond around the run (`time`'s own elapsed
# has two decimals, too coarse for 10,000 cases); `time` gives the peak memory and CPU share.
run() {
  local name=$1 out=$2 start end
  shift 2
  start=$(date +%s%N)
  /usr/bin/time -f "%M %P" -o "$work/time" "$@" >"$out" 2>"$work/stderr" || {
    echo "$name failed:" >&2
    head -c 2000 "$work/stderr" >&2
    exit 1
  }
  end=$(date +%s%N)
  echo "$name $(( (end - start) / 1000 ))e-6 $(cat "$work/time") $(stat -c %s "$out")" >>"$work/runs"
}

: >"$work/runs"
for n in $sizes; do
  $bin/examples/corpus "$n" "$seed" >"$work/cases-$n.jsonl"
  awk '{ print "---"; print }' "$work/cases-$n.jsonl" >"$work/cases-$n.yaml"
  for r in $(seq "$reps"); do
    run "handwritten $n" "$work/out-hw.jsonl" sh -c "$bin/examples/handwritten < $work/cases-$n.jsonl"
    if [ -n "$rego" ]; then
      run "regorus $n" "$work/out-rego.jsonl" sh -c "$rego < $work/cases-$n.jsonl"
    fi
    run "zeren-jsonl $n" "$work/out-jsonl.jsonl" "$zeren" eval "$work/cases-$n.jsonl" --format jsonl
    # The same on one core, for what the second core gives.
    run "zeren-jsonl-1core $n" "$work/out-jsonl-1.jsonl" taskset -c 0 "$zeren" eval "$work/cases-$n.jsonl" --format jsonl
    run "zeren-yaml $n" "$work/out-yaml.jsonl" "$zeren" eval "$work/cases-$n.yaml" --format jsonl
    run "yaml-parser $n" "$work/out-events" "$bin/examples/yaml_events" "$work/cases-$n.yaml"
  done
  # 100,000 cases with 5,000 errors (every 20th line names `impact` wrongly): as error records
  # among the decisions, and for people (the first diagnostics in full, then a count by code).
  if [ "$n" = 100000 ]; then
    awk 'NR % 20 == 0 { sub(/"impact":/, "\"impakt\":") } { print }' "$work/cases-$n.jsonl" >"$work/errors-$n.jsonl"
    for r in $(seq "$reps"); do
      run "errors-jsonl $n" "$work/out-errors.jsonl" sh -c "$zeren eval $work/errors-$n.jsonl --format jsonl; [ \$? = 1 ]"
      run "errors-people $n" "$work/out-errors.txt" sh -c "$zeren eval $work/errors-$n.jsonl 2>&1; [ \$? = 1 ]"
    done
    [ "$(grep -c '"error"' "$work/out-errors.jsonl")" = 5000 ] || { echo "not 5,000 error records" >&2; exit 1; }
  fi
  # The hand-written and zeren decide alike (benches/agree.sh checks it key by key).
  if grep -q '"error"' "$work/out-jsonl.jsonl"; then
    echo "zeren refused some generated cases: see $work/out-jsonl.jsonl" >&2
    exit 1
  fi
  # Regorus decides alike too (benches/rego/agree.sh); here, that it decided every case.
  if [ -n "$rego" ] && { grep -q '"error"' "$work/out-rego.jsonl" || [ "$(wc -l <"$work/out-rego.jsonl")" != "$n" ]; }; then
    echo "regorus did not decide every generated case: see $work/out-rego.jsonl" >&2
    exit 1
  fi
  rm -f "$work/cases-$n.yaml"
done

# Instructions a case: callgrind on 2,000 cases, less the same command on one case.
instr() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
# instr_in FILE CMD...: the same, CMD reading FILE on its standard input.
instr_in() {
  local file=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" <"$file" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
$bin/examples/corpus 2000 "$seed" >"$work/i2000.jsonl"
head -1 "$work/i2000.jsonl" >"$work/i1.jsonl"
awk '{ print "---"; print }' "$work/i2000.jsonl" >"$work/i2000.yaml"
head -2 "$work/i2000.yaml" >"$work/i1.yaml"
ipc=""
if [ -z "${NO_INSTR:-}" ] && command -v valgrind >/dev/null; then
  hw2000=$(instr_in "$work/i2000.jsonl" "$bin/examples/handwritten")
  hw1=$(instr_in "$work/i1.jsonl" "$bin/examples/handwritten")
  zj2000=$(instr "$zeren" eval "$work/i2000.jsonl" --format jsonl)
  zj1=$(instr "$zeren" eval "$work/i1.jsonl" --format jsonl)
  zy2000=$(instr "$zeren" eval "$work/i2000.yaml" --format jsonl)
  zy1=$(instr "$zeren" eval "$work/i1.yaml" --format jsonl)
  rg=0
  if [ -n "$rego" ]; then
    rg2000=$(instr_in "$work/i2000.jsonl" "$rego")
    rg1=$(instr_in "$work/i1.jsonl" "$rego")
    rg=$(( (rg2000 - rg1) / 1999 ))
  fi
  ipc="$(( (hw2000 - hw1) / 1999 )) $(( (zj2000 - zj1) / 1999 )) $(( (zy2000 - zy1) / 1999 )) $zj1 $rg"
fi

# One case's start-up, wall time: the median of 41 runs, in seconds; and `zeren --version`'s, the
# floor of starting the binary at all.
startup=$(python3 -c '
import subprocess, sys, time, statistics
def median(cmd):
    times = []
    for _ in range(41):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)
print(median([sys.argv[1], "eval", sys.argv[2], "--format", "jsonl"]), median([sys.argv[1], "--version"]))
' "$zeren" "$work/i1.jsonl")

python3 - "$work/runs" "$work/compare.md" "$ipc" "$startup" <<'EOF'
import sys, statistics, collections
runs, out, ipc, startup = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
by = collections.defaultdict(list)
for line in open(runs):
    name, n, secs, kb, cpu, size = line.split()
    by[(name, int(n))].append((float(secs), int(kb), float(cpu.rstrip('%')), int(size)))
names = ["handwritten", "regorus", "zeren-jsonl", "zeren-jsonl-1core", "zeren-yaml", "yaml-parser", "errors-jsonl", "errors-people"]
rows = ["| engine | cases | seconds (median) | cases/s | bytes out a case | peak memory | cores used |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
for n in sorted({k[1] for k in by}):
    for name in names:
        r = by.get((name, n))
        if not r:
            continue
        secs = statistics.median(x[0] for x in r)
        kb = statistics.median(x[1] for x in r)
        cpu = statistics.median(x[2] for x in r)
        size = r[-1][3]
        per = "—" if name in ("yaml-parser", "errors-people") else f"{size / n:,.0f}"
        rate = n / secs if secs > 0 else float("inf")
        rows.append(f"| {name} | {n:,} | {secs:.3f} | {rate:,.0f} | {per} | {kb / 1024:,.1f} MB | {cpu / 100:.2f} |")
if ipc:
    hw, zj, zy, start, rg = map(int, ipc)
    rego = f" regorus {rg:,} ({rg / max(hw, 1):.2f}×);" if rg else ""
    rows += ["", f"Instructions a case (callgrind, 2,000 cases less one): hand-written {hw:,};{rego} zeren JSON Lines {zj:,} ({zj / max(hw, 1):.2f}×); zeren YAML {zy:,} ({zy / max(hw, 1):.2f}×). One case end to end: {start:,} instructions."]
for n in sorted({k[1] for k in by}):
    one, two = by.get(("zeren-jsonl-1core", n)), by.get(("zeren-jsonl", n))
    hw = by.get(("handwritten", n))
    if one and two and hw:
        m = lambda r: statistics.median(x[0] for x in r)
        rg = by.get(("regorus", n))
        vs = f"; {m(rg) / m(two):.1f}× regorus's rate" if rg else ""
        rows += [f"{n:,} cases: two cores {m(one) / m(two):.2f}× one core; zeren JSON Lines at {m(hw) / m(two):.0%} of the hand-written rate{vs}."]
rows += [f"One case's start-up, wall time (median of 41 runs, from a Python timer): {float(startup[0]) * 1000:.2f} ms; `zeren --version` {float(startup[1]) * 1000:.2f} ms."]
text = "\n".join(rows) + "\n"
open(out, "w").write(text)
print(text)
EOF
