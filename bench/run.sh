#!/usr/bin/env bash
# Builds the same synthetic site with kiyaku and with Hugo, several times
# each, and prints the median wall time, pages per second, peak memory and
# the ratio. Reproducible: the generator is deterministic.
#
# usage: bench/run.sh [POLICIES] [VERSIONS] [RUNS]     (default 100 5 5)
set -euo pipefail
cd "$(dirname "$0")/.."
policies=${1:-100}
versions=${2:-5}
runs=${3:-5}
work=${BENCH_DIR:-/tmp/kiyaku-bench}/${policies}x${versions}

command -v hugo >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet
kiyaku="$PWD/target/release/kiyaku"

echo "generating ${policies} policies x ${versions} versions x ja/en into ${work}"
python3 bench/generate.py "$policies" "$versions" "$work"

# Runs a command $runs times; prints "median_seconds peak_kib".
measure() {
  local times=() peak=0
  for _ in $(seq "$runs"); do
    local out
    /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>&1
    out=$(tail -1 "$work/time.txt")
    times+=("${out% *}")
    local kib=${out#* }
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  echo "$median $peak"
}

read -r k_time k_mem < <(measure "$kiyaku" build --root "$work/kiyaku" --output "$work/kiyaku-out" --now 2026-11-22)
read -r h_time h_mem < <(measure hugo --quiet -s "$work/hugo" -d "$work/hugo-out")
k_pages=$(find "$work/kiyaku-out" -name '*.html' | wc -l)
k_files=$(find "$work/kiyaku-out" -type f | wc -l)
h_pages=$(find "$work/hugo-out" -name '*.html' | wc -l)
version_pages=$((policies * versions * 2))

printf '\n%-8s %10s %12s %14s %10s %s\n' tool "median s" "pages/s" "version pg/s" "peak MiB" "output"
awk -v t="$k_time" -v p="$k_pages" -v v="$version_pages" -v m="$k_mem" -v f="$k_files" \
  'BEGIN { printf "%-8s %10.3f %12.0f %14.0f %10.1f %d HTML pages, %d files\n", "kiyaku", t, p/t, v/t, m/1024, p, f }'
awk -v t="$h_time" -v p="$h_pages" -v v="$version_pages" -v m="$h_mem" \
  'BEGIN { printf "%-8s %10.3f %12.0f %14.0f %10.1f %d HTML pages\n", "hugo", t, p/t, v/t, m/1024, p }'
awk -v k="$k_time" -v h="$h_time" 'BEGIN { printf "\nkiyaku is %.1fx as fast as Hugo on the same %s source pages\n", h/k, '"$version_pages"' }'
