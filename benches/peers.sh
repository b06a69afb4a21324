#!/usr/bin/env bash
# factlint beside geotext (a Python city-name finder that does far less: no claims, no checks),
# both as whole processes, one after the other in one run: start-up on an empty file, one ~5 KB
# article, the generated ~10 MB folder, and real prose (the TR-News and GeoVirus articles and
# the Indonesian dev prose from ../shared, when they are there). geotext is installed from PyPI
# into a throwaway virtual environment. Start-up is also shown beside ripgrep's, when rg is installed.
#
#   bash benches/peers.sh                  # builds the release binary first
#   RUNS=5 WORK=/tmp/peers bash benches/peers.sh
#
# Needs python3 (with venv), bc and network access to PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
if [ -n "${WORK:-}" ]; then
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi
shared=../shared

cargo build --release --quiet
BIN=./target/release/factlint
[ -x "$WORK/venv/bin/python" ] || python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check geotext
PY="$WORK/venv/bin/python"

# geotext over files or folders, as factlint walks them: every file read, its cities listed.
cat > "$WORK/geotext_run.py" <<'EOF'
import os, sys
from geotext import GeoText
found = 0
for arg in sys.argv[1:]:
    paths = [arg] if os.path.isfile(arg) else sorted(
        os.path.join(d, f) for d, _, fs in os.walk(arg) for f in fs)
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as fh:
            found += len(GeoText(fh.read()).cities)
print(found)
EOF

python3 benches/generate.py "$WORK/article.txt" --one >/dev/null
[ -d "$WORK/folder" ] || python3 benches/generate.py "$WORK/folder" --bytes 10000000 >/dev/null
: > "$WORK/empty.txt"

# Real prose, one article a file: the English news corpora's texts and the Indonesian dev prose.
if [ -d "$shared/data/news" ] && [ ! -d "$WORK/real" ]; then
  mkdir -p "$WORK/real"
  python3 - "$shared" "$WORK/real" <<'EOF'
import os, sys, xml.etree.ElementTree as ET
shared, out = sys.argv[1], sys.argv[2]
n = 0
for name in ("TR-News.xml", "GeoVirus.xml"):
    path = os.path.join(shared, "data", "news", name)
    if not os.path.exists(path):
        continue
    for art in ET.parse(path).getroot().iter("article"):
        text = (art.findtext("text") or "").strip()
        if text:
            n += 1
            with open(os.path.join(out, f"en-{n:04d}.txt"), "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
dev = os.path.join(shared, "dev", "news-id")
if os.path.isdir(dev):
    for f in sorted(os.listdir(dev)):
        if f.endswith(".txt"):
            with open(os.path.join(dev, f), encoding="utf-8") as src, \
                 open(os.path.join(out, "id-" + f), "w", encoding="utf-8") as dst:
                dst.write(src.read())
EOF
fi

measure() {
  local runs=$1; shift
  python3 benches/measure.py "$runs" "$@"
}
bytes() { du -sb "$1" | cut -f1; }

printf 'factlint beside geotext: %s runs each (medians), %s cores, in %s\n' "$RUNS" "$(nproc)" "$WORK"
printf '  %-28s %12s %12s %9s %12s %12s\n' "" "factlint" "geotext" "ratio" "fl peak" "gt peak"
row() {
  local label=$1 path=$2 runs=$3
  read -r ft fm < <(measure "$runs" "$BIN" check "$path" --format json)
  read -r gt gm < <(measure "$runs" "$PY" "$WORK/geotext_run.py" "$path")
  local ratio
  ratio=$(echo "$gt/$ft" | bc -l)
  if [ -d "$path" ]; then
    local b
    b=$(bytes "$path")
    printf '  %-28s %7.1f MB/s %7.1f MB/s %8.1fx %8.1f MiB %8.1f MiB\n' "$label" \
      "$(echo "$b/$ft/1000000" | bc -l)" "$(echo "$b/$gt/1000000" | bc -l)" "$ratio" \
      "$(echo "$fm/1024" | bc -l)" "$(echo "$gm/1024" | bc -l)"
  else
    printf '  %-28s %9.0f ms %9.0f ms %8.1fx %8.1f MiB %8.1f MiB\n' "$label" \
      "$(echo "$ft*1000" | bc -l)" "$(echo "$gt*1000" | bc -l)" "$ratio" \
      "$(echo "$fm/1024" | bc -l)" "$(echo "$gm/1024" | bc -l)"
  fi
}
row "start-up (empty file)" "$WORK/empty.txt" "$RUNS"
row "one 5 KB article" "$WORK/article.txt" "$RUNS"
few=$(( RUNS < 3 ? RUNS : 3 ))
row "$(( $(bytes "$WORK/folder") / 1000000 )) MB generated folder" "$WORK/folder" "$few"
if [ -d "$WORK/real" ]; then
  row "real prose ($(ls "$WORK/real" | wc -l) files, $(( $(bytes "$WORK/real") / 1000 )) KB)" "$WORK/real" "$few"
fi
echo "  (ratio: geotext's time over factlint's; above 1 means factlint is faster)"

# Start-up beside ripgrep, the floor for a tool that reads a file and exits.
if command -v rg >/dev/null; then
  read -r ft _ < <(measure "$RUNS" "$BIN" check "$WORK/empty.txt" --format json)
  read -r rt _ < <(measure "$RUNS" rg -c x "$WORK/empty.txt")
  printf '  start-up beside ripgrep: factlint %.1f ms, ripgrep %.1f ms: %.1fx ripgrep'"'"'s\n' \
    "$(echo "$ft*1000" | bc -l)" "$(echo "$rt*1000" | bc -l)" "$(echo "$ft/$rt" | bc -l)"
fi

# The stream: the real prose (or the generated folder) as JSON Lines on stdin.
src="$WORK/folder"
[ -d "$WORK/real" ] && src="$WORK/real"
python3 - "$src" "$WORK/stream.jsonl" <<'EOF'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as fh:
    for f in sorted(os.listdir(src)):
        with open(os.path.join(src, f), encoding="utf-8", errors="replace") as doc:
            fh.write(json.dumps({"id": f, "text": doc.read()}, ensure_ascii=False) + "\n")
EOF
docs=$(wc -l < "$WORK/stream.jsonl")
read -r st sm < <(measure "$few" sh -c "'$BIN' check --stream < '$WORK/stream.jsonl'")
printf '  stream: %d documents in %.2f s, %.0f documents/s, peak %.1f MiB\n' "$docs" "$st" \
  "$(echo "$docs/$st" | bc -l)" "$(echo "$sm/1024" | bc -l)"
