#!/usr/bin/env bash
# paperboy on hostile inputs, timed whole with /usr/bin/time (not run by CI):
#
#   bomb:    `paperboy list bomb.gz`, a 1.5 MB gzip of spaces (1.5 GB inflated)
#   yes:     `yes | paperboy list -`
#   dir:     `paperboy list DIR` on 20,000 one-paper digests
#   config:  `paperboy config --check` on 16,000 unknown keys
#   index:   `paperboy similar ID` with an index.bin whose header is the
#            library's own and whose arrays are another library's
#
# Each prints wall time and peak memory (maximum resident set size).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
bin=$PWD/target/release/paperboy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {
    local what=$1
    shift
    /usr/bin/time -f "$what: %e s, %M KB peak" "$@" >/dev/null 2>"$work/err" || true
    tail -n 1 "$work/err"
    head -n 1 "$work/err" | sed 's/^/    /'
}

python3 - "$work/bomb.gz" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1], "wb", compresslevel=9) as f:
    block = b" " * (1 << 20)
    for _ in range(1500):
        f.write(block)
PY
echo "bomb: $(du -k "$work/bomb.gz" | cut -f1) KB compressed"
measure "gzip bomb" "$bin" list "$work/bomb.gz"
measure "yes | list -" sh -c "yes | '$bin' list -"

mkdir "$work/dir"
python3 - "$work/dir" <<'PY'
import os, sys
d = sys.argv[1]
for i in range(20000):
    with open(os.path.join(d, f"p{i:05}.txt"), "w") as f:
        f.write(f"Daily Papers\n\nJul 29\n\nPaper number {i} on hostile inputs\n\nAn abstract of paper {i}.\n")
PY
measure "20,000-file directory" "$bin" list "$work/dir"

mkdir -p "$work/home/config"
python3 - "$work/home/config/config.toml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("[keys]\n")
    for i in range(16000):
        f.write(f'unknown_action_{i} = "x"\n')
PY
PAPERBOY_CONFIG_DIR="$work/home/config" measure "16k-key config" "$bin" config --check

# Two libraries; B's index.bin spliced: its own header, A's arrays.
for lib in a b; do
    mkdir -p "$work/$lib/data/digests"
    python3 - "$work/$lib/data/digests" "$lib" <<'PY'
import sys
d, lib = sys.argv[1], sys.argv[2]
n = 300 if lib == "a" else 40
with open(f"{d}/2026-11-30.txt", "w") as f:
    f.write("Daily Papers\n\nNov 30\n\n")
    for i in range(n):
        f.write(f"Paper {lib}{i} about topic {i % 7} and words w{i % 13}\n\nWe study topic {i % 7} with w{i % 13} and w{i % 5}.\n\n")
PY
    id=$(PAPERBOY_CONFIG_DIR="$work/$lib/config" PAPERBOY_DATA_DIR="$work/$lib/data" "$bin" list | head -n 1 | cut -f1)
    PAPERBOY_CONFIG_DIR="$work/$lib/config" PAPERBOY_DATA_DIR="$work/$lib/data" "$bin" similar "$id" >/dev/null
done
python3 - "$work/a/data/index.bin" "$work/b/data/index.bin" <<'PY'
import sys
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
open(sys.argv[2], "wb").write(b[:16] + a[16:])
PY
id=$(PAPERBOY_CONFIG_DIR="$work/b/config" PAPERBOY_DATA_DIR="$work/b/data" "$bin" list | head -n 1 | cut -f1)
PAPERBOY_CONFIG_DIR="$work/b/config" PAPERBOY_DATA_DIR="$work/b/data" \
    measure "spliced index.bin (rebuilt)" "$bin" similar "$id"
PAPERBOY_CONFIG_DIR="$work/b/config" PAPERBOY_DATA_DIR="$work/b/data" "$bin" similar "$id" --limit 3
