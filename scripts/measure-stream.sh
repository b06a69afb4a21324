#!/usr/bin/env bash
# Measures stream mode: generates N documents (default 100000) with scripts/gen-stream.py,
# runs `factlint check --stream` over them under /usr/bin/time -v, and prints throughput and
# peak memory. Run it at two sizes to see that memory stays flat:
#   scripts/measure-stream.sh 10000 && scripts/measure-stream.sh 100000
# Needs a release build (cargo build --release; CARGO_TARGET_DIR is honoured) and GNU time.
set -euo pipefail
n="${1:-100000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${CARGO_TARGET_DIR:-$root/target}/release/factlint"
[ -x "$bin" ] || { echo "no release build at $bin: run cargo build --release" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install -y time" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/scripts/gen-stream.py" "$n" > "$work/docs.jsonl"
bytes=$(stat -c %s "$work/docs.jsonl")
/usr/bin/time -v "$bin" check --stream < "$work/docs.jsonl" > "$work/out.jsonl" 2> "$work/time.txt"
secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
lines=$(wc -l < "$work/out.jsonl")
findings=$(grep -o '"rule":' "$work/out.jsonl" | wc -l)
errors=$(grep -c '"error":' "$work/out.jsonl" || true)
awk -v n="$n" -v b="$bytes" -v s="$secs" -v r="$rss" -v l="$lines" -v f="$findings" -v e="$errors" -v c="$(nproc)" 'BEGIN {
  printf "documents: %d (%.1f MiB of JSON Lines)\n", n, b / 1048576
  printf "output lines: %d, findings: %d, document errors: %d\n", l, f, e
  printf "wall time: %.2f s on %d cores\n", s, c
  printf "throughput: %.0f documents/s, %.1f MiB/s\n", n / s, b / 1048576 / s
  printf "peak RSS: %.1f MiB\n", r / 1024
}'
