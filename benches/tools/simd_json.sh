#!/usr/bin/env bash
# Would simd-json read a batch's lines faster than serde_json (issue 15: "read with serde_json, or
# simd-json if it measures better")? A probe outside zeren's own build, so that neither its
# dependencies nor CI carry simd-json: it writes a small crate under target/, then reads the
# corpus's lines each way, one line at a time as the batch path does:
#
#   none     only splitting the text into lines (subtracted from the others);
#   scan     serde_json reading each line and building nothing (IgnoredAny): the floor under
#            zeren's tape, which serde_json fills;
#   tape     simd-json's own tape of each line (to_tape, on a copy of the line, since simd-json
#            writes into its input; buffers reused from line to line).
#
# Prints instructions a line (callgrind, 2,000 lines) and the median of REPS interleaved wall-time
# runs on N lines.
#
#   benches/tools/simd_json.sh [N] [REPS]      (default: 100000 lines, 3 repetitions)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
reps=${2:-3}
probe=target/simd-json-probe
mkdir -p "$probe/src"
cat > "$probe/Cargo.toml" <<'TOML'
[package]
name = "simd-json-probe"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
simd-json = "0.15"
serde_json = "1"
serde = "1"

[workspace]
TOML
cat > "$probe/src/main.rs" <<'RS'
use std::io::Read;
fn main() {
    let mode = std::env::args().nth(1).expect("none, scan or tape");
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("the lines");
    let (mut n, mut buf, mut bufs) = (0usize, Vec::with_capacity(4096), simd_json::Buffers::default());
    for line in text.lines() {
        n += match mode.as_str() {
            "none" => line.len(),
            "scan" => serde_json::from_str::<serde::de::IgnoredAny>(line).map(|_| 1).expect("JSON"),
            "tape" => {
                buf.clear();
                buf.extend_from_slice(line.as_bytes());
                simd_json::to_tape_with_buffers(&mut buf, &mut bufs).expect("JSON").0.len()
            }
            _ => panic!("none, scan or tape"),
        };
    }
    println!("{n}");
}
RS
cargo build --release --quiet --manifest-path "$probe/Cargo.toml"
cargo build --release --quiet --example corpus
# Under the named target of .cargo/config.toml where it applies, else the default.
for bin in "$probe"/target/*/release/simd-json-probe "$probe"/target/release/simd-json-probe; do
  [ -x "$bin" ] && break
done
lines=$probe/lines-$n.jsonl
[ -f "$lines" ] || target/x86_64-unknown-linux-gnu/release/examples/corpus "$n" 1 > "$lines"
head -2000 "$lines" > "$probe/lines-2000.jsonl"

count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" < "$probe/lines-2000.jsonl" 2>&1 >/dev/null | awk '/refs:/ { gsub(",", "", $NF); print $NF }'; }
base=$(count none)
for m in scan tape; do
  echo "$m: $(( ($(count $m) - base) / 2000 )) instructions a line"
done
declare -A ms
for _ in $(seq "$reps"); do
  for m in none scan tape; do
    s=$(date +%s%N); "$bin" "$m" < "$lines" > /dev/null; e=$(date +%s%N)
    ms[$m]+="$(( (e - s) / 1000 )) "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
b=$(echo "${ms[none]}" | median)
for m in scan tape; do
  t=$(echo "${ms[$m]}" | median)
  echo "$m: $(( (t - b) * 1000 / n )) ns a line ($n lines, median of $reps, less splitting the lines)"
done
