#!/usr/bin/env bash
# The comparison across networks (issue 12): `compare` of the ten sample networks, and of
# 100 networks made by the sample generator with comparison areas on the national RIVM files
# of three periods (65+ 2012, 2016, 2020, and 18+ 2020), a national KWB (synthetic, real
# codes) and the Vektis files of 2012-2023. Prints the median wall time of several runs and
# the peak memory. Usage: scripts/bench-compare.sh [runs]   (default 5 runs)
#   WIJKMONITOR_SHARED_DATA   the real files (default ../shared/data)
#   WIJKMONITOR_NATIONAL_KWB  a national KWB (default: generated into a temporary folder)
#   WIJKMONITOR_BIN           the binary to time (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
bin="${WIJKMONITOR_BIN:-${CARGO_TARGET_DIR:-target}/release/wijkmonitor}"
[ -x "$bin" ] || cargo build --release
data="${WIJKMONITOR_SHARED_DATA:-../shared/data}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
kwb="${WIJKMONITOR_NATIONAL_KWB:-$out/kwb-nl.xlsx}"
[ -f "$kwb" ] || python3 sample-data/generate.py --national-kwb "$kwb" \
    --rivm "$data/rivm-gezondheid/50090NED-2020-18plus.xlsx"
python3 sample-data/generate.py --networks 100 --out "$out/b100" > /dev/null
# The generated pipeline with national open data of several periods, comparison only.
python3 - "$out/b100/pipeline.toml" "$out/b100/compare.toml" "$kwb" "$(cd "$data" && pwd)" <<'PY'
import sys
src, dst, kwb, d = sys.argv[1:]
s = open(src).read()
a, b = s.index("kwb = {"), s.index("register = {")
lines = [f'kwb = {{ path = "{kwb}", kind = "open-data" }}']
for f in ["2012-65plus", "2016-65plus", "2020-65plus", "2020-18plus"]:
    lines.append(f'ggd-{f} = {{ path = "{d}/rivm-gezondheid/50090NED-{f}.xlsx", kind = "open-data" }}')
for y in [2012, 2014, 2016, 2018, 2023]:
    lines.append(f'vektis-{y} = {{ path = "{d}/vektis-zvw/vektis-zvw-{y}-gemeente.csv", kind = "open-data" }}')
s = s[:a] + "\n".join(lines) + "\n" + s[b:]
s = s[: s.index("[outputs]")] + "[outputs]\nreports = false\ntables = true\ncomparison = true\n"
open(dst, "w").write(s)
PY

measure() {
    local label="$1"; shift
    local times=() peak=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$out/time" -f "%e %M" "$@" > /dev/null 2>&1 || true
        local line; line=$(tail -1 "$out/time")
        times+=("$(echo "$line" | awk '{print $1}')")
        local rss; rss=$(echo "$line" | awk '{print $2}')
        (( rss > peak )) && peak=$rss
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-60s median %6.3f s   peak %6d MiB   (%d runs)\n' "$label" "$median" $((peak / 1024)) "$runs"
}

measure "compare pipelines/voorbeeld.toml (10 networks)" \
    "$bin" compare pipelines/voorbeeld.toml --out "$out/c10" -q
measure "read only (run --check) of the 100-network pipeline" \
    "$bin" run "$out/b100/compare.toml" --check -q
measure "compare, 100 networks, national RIVM 2012/2016/2020" \
    "$bin" compare "$out/b100/compare.toml" --out "$out/c100" -q
