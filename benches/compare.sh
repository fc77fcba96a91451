#!/usr/bin/env bash
# paperboy against fzf on a generated 100k-paper digest (not run by CI).
#
#   titles: `paperboy list --query quantiz DIGEST`             vs `fzf --filter quantiz < titles`
#   all:    `paperboy list --scope all --query quantiz DIGEST` vs `fzf --filter quantiz < title+abstract lines`
#
# paperboy reads and parses the whole digest each time; fzf gets ready-made
# lines. Best of 3 wall-clock runs each, the two tools in turn.
# PAPERBOY_BENCH_PAPERS changes the size.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v fzf >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq fzf) >/dev/null
fi

papers=${PAPERBOY_BENCH_PAPERS:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/paperboy
echo "generating a ${papers}-paper digest..."
PAPERBOY_BENCH_PAPERS=$papers PAPERBOY_WRITE_DIGEST="$work/digest.txt" cargo bench --quiet --bench parse >/dev/null
# The same papers as fzf input lines, cut from paperboy's own JSON.
"$bin" list --json "$work/digest.txt" >"$work/papers.json"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
papers = json.load(open(f"{work}/papers.json"))
with open(f"{work}/titles.txt", "w") as f:
    f.writelines(p["title"] + "\n" for p in papers)
with open(f"{work}/both.txt", "w") as f:
    f.writelines(p["title"] + " " + p["abstract"] + "\n" for p in papers)
PY
ls -l "$work"/digest.txt "$work"/titles.txt "$work"/both.txt | awk '{print $5, $9}'

# Wall-clock milliseconds of one run.
ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

# Best of 3 runs of two commands, taken in turn (a b a b a b) after one
# untimed run of each, so both see the machine in the same state. Prints
# "best_a best_b".
best_pair() {
    local a=$1 b=$2 best_a="" best_b="" t
    sh -c "$a" >/dev/null
    sh -c "$b" >/dev/null
    for _ in 1 2 3; do
        t=$(ms sh -c "$a")
        if [ -z "$best_a" ] || [ "$t" -lt "$best_a" ]; then best_a=$t; fi
        t=$(ms sh -c "$b")
        if [ -z "$best_b" ] || [ "$t" -lt "$best_b" ]; then best_b=$t; fi
    done
    echo "$best_a $best_b"
}

read -r fzf_titles pb_titles < <(best_pair "fzf --filter quantiz < '$work/titles.txt'" "$bin list --query quantiz '$work/digest.txt'")
read -r fzf_all pb_all < <(best_pair "fzf --filter quantiz < '$work/both.txt'" "$bin list --scope all --query quantiz '$work/digest.txt'")

echo
echo "| query 'quantiz' | fzf | paperboy | paperboy / fzf |"
echo "| --- | --- | --- | --- |"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf "| titles | %d ms | %d ms | %sx (target <= 2x) |\n" "$fzf_titles" "$pb_titles" "$(ratio "$pb_titles" "$fzf_titles")"
printf "| title + abstract | %d ms | %d ms | %sx (target <= 0.25x) |\n" "$fzf_all" "$pb_all" "$(ratio "$pb_all" "$fzf_all")"
echo
echo "hits: fzf $(fzf --filter quantiz <"$work/titles.txt" | wc -l) / paperboy $("$bin" list --query quantiz "$work/digest.txt" | wc -l) on titles;" \
    "fzf $(fzf --filter quantiz <"$work/both.txt" | wc -l) / paperboy $("$bin" list --scope all --query quantiz "$work/digest.txt" | wc -l) on title+abstract"
