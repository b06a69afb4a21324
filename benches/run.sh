#!/usr/bin/env bash
# Benchmarks factlint as a whole process: one ~5 KB article, a ~10 MB folder of articles, and
# start-up on an empty file, with peak memory. Generates its own corpus (benches/generate.py).
#
#   bash benches/run.sh            # builds the release binary first
#   RUNS=20 bash benches/run.sh
#   WORK=/tmp/corpus bash benches/run.sh   # keep the generated corpus there
#   PEERS=1 bash benches/run.sh            # and geotext beside it (benches/peers.sh)
#
# Needs python3 and bc.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
if [ -n "${WORK:-}" ]; then
  mkdir -p "$WORK"          # a folder you name is kept, for a look at the corpus afterwards
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi

cargo build --release --quiet
BIN=./target/release/factlint
python3 benches/generate.py "$WORK/article.txt" --one >/dev/null
python3 benches/generate.py "$WORK/folder" --bytes 10000000 >/dev/null
: > "$WORK/empty.txt"
BYTES=$(du -sb "$WORK/folder" | cut -f1)

# median wall seconds and largest peak RSS (KiB) of RUNS runs of a command
measure() {
  local runs=$1; shift
  python3 benches/measure.py "$runs" "$@"
}

printf 'factlint benchmark: %s runs each, %s cores, corpus in %s\n' "$RUNS" "$(nproc)" "$WORK"
read -r t m < <(measure "$RUNS" "$BIN" check "$WORK/empty.txt")
printf '  start-up (empty file)        %6.0f ms   peak %5.1f MiB\n' "$(echo "$t*1000" | bc -l)" "$(echo "$m/1024" | bc -l)"
read -r t m < <(measure "$RUNS" "$BIN" check "$WORK/article.txt")
printf '  one 5 KB article             %6.0f ms   peak %5.1f MiB\n' "$(echo "$t*1000" | bc -l)" "$(echo "$m/1024" | bc -l)"
read -r t m < <(measure "$RUNS" "$BIN" kb lookup Shenzhen)
printf '  kb lookup (gazetteer only)   %6.0f ms   peak %5.1f MiB\n' "$(echo "$t*1000" | bc -l)" "$(echo "$m/1024" | bc -l)"
runs=$(( RUNS < 5 ? RUNS : 5 ))
read -r t m < <(measure "$runs" "$BIN" check "$WORK/folder" --format json)
printf '  %d MB folder (%d files)    %6.2f s    %5.1f MB/s   peak %5.1f MiB\n' "$((BYTES / 1000000))" \
  "$(ls "$WORK/folder" | wc -l)" "$t" "$(echo "$BYTES/$t/1000000" | bc -l)" "$(echo "$m/1024" | bc -l)"

# Linear in the input: the folder's first 500 articles as one line take the time they take as
# lines.
python3 - "$WORK/folder" "$WORK/lines.txt" "$WORK/one-line.txt" <<'EOF'
import os, sys
folder, lines, one = sys.argv[1:4]
names = sorted(os.listdir(folder))[:500]
text = "".join(open(os.path.join(folder, f), encoding="utf-8").read() for f in names)
open(lines, "w", encoding="utf-8").write(text)
open(one, "w", encoding="utf-8").write(text.replace("\n", " "))
EOF
read -r tl _ < <(measure "$runs" "$BIN" check "$WORK/lines.txt" --format json)
read -r to _ < <(measure "$runs" "$BIN" check "$WORK/one-line.txt" --format json)
printf '  %.1f MB as lines / as one line  %6.2f s / %.2f s\n' \
  "$(echo "$(du -b "$WORK/lines.txt" | cut -f1)/1000000" | bc -l)" "$tl" "$to"

# geotext side by side, with real prose and the stream (needs PyPI): PEERS=1 bash benches/run.sh
if [ "${PEERS:-0}" = 1 ]; then
  RUNS=$runs WORK="$WORK/peers" bash benches/peers.sh
fi
