#!/usr/bin/env bash
# Benchmarks anyone can rerun: times whole commands of the release binary on
# fixed, committed data sets and prints the median of several runs with the
# peak memory. Usage: scripts/bench.sh [runs]   (default 7 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
bin="${CARGO_TARGET_DIR:-target}/release/wijkmonitor"
[ -x "$bin" ] || cargo build --release
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# median of the wall times and the largest peak RSS of `runs` runs of a command
measure() {
    local label="$1"; shift
    local times=() peak=0
    for _ in $(seq "$runs"); do
        local line
        /usr/bin/time -o "$out/time" -f "%e %M" "$@" > /dev/null 2>&1 || true
        line=$(tail -1 "$out/time")
        times+=("$(echo "$line" | awk '{print $1}')")
        local rss; rss=$(echo "$line" | awk '{print $2}')
        (( rss > peak )) && peak=$rss
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-60s median %6.3f s   peak %6d MiB   (%d runs)\n' "$label" "$median" $((peak / 1024)) "$runs"
}

measure "inspect 50090NED-2020-18plus.xlsx (17 341 rows)" \
    "$bin" inspect --json tests/fixtures/real/50090NED-2020-18plus.xlsx
measure "inspect both Vektis files (2018 + 2023)" \
    "$bin" inspect --json tests/fixtures/real/vektis-zvw-2018-gemeente.csv tests/fixtures/real/vektis-zvw-2023-gemeente.csv
measure "inspect kwb-2023-utrecht.xlsx" \
    "$bin" inspect --json tests/fixtures/real/kwb-2023-utrecht.xlsx
measure "inspect --out (tidy Parquet + CSV) 50090NED-2020-18plus.xlsx" \
    "$bin" inspect --out "$out/tidy" tests/fixtures/real/50090NED-2020-18plus.xlsx

# Network reports (issue 5): the example pipeline, and 100 networks made by
# the sample generator (same municipalities and open data, scaled up).
measure "run pipelines/voorbeeld.toml (10 networks, 11 profiles)" \
    "$bin" run -q pipelines/voorbeeld.toml --out "$out/voorbeeld"
python3 sample-data/generate.py --networks 100 --out "$out/honderd" > /dev/null
measure "run 100 networks (generate.py --networks 100)" \
    "$bin" run -q "$out/honderd/pipeline.toml" --out "$out/honderd-uit"

# Profiles (issue 3): Utrecht's buurten on the real KWB, and every wijk of
# the country with a synthetic national KWB in the real format (generated
# for the regions of the RIVM file; pass it as WIJKMONITOR_NATIONAL_KWB, or
# it is generated, which takes about 90 s).
measure "profile Utrecht, 111 buurten (real KWB 2023 + RIVM + Vektis), PDFs" \
    "$bin" profile -q --kwb tests/fixtures/real/kwb-2023-utrecht.xlsx \
    --ggd tests/fixtures/real/50090NED-2020-18plus.xlsx \
    --vektis tests/fixtures/real/vektis-zvw-2023-gemeente.csv \
    --gemeente GM0344 --level buurt --out "$out/utrecht"
national="${WIJKMONITOR_NATIONAL_KWB:-$out/kwb-2020-nederland-synthetisch.xlsx}"
[ -f "$national" ] || python3 sample-data/generate.py --national-kwb "$national" > /dev/null
runs_saved=$runs; runs=$(( runs < 3 ? runs : 3 ))
measure "profile --all --level wijk (3 177 wijken, synthetic national KWB + RIVM + Vektis), PDFs" \
    "$bin" profile -q --kwb "$national" \
    --ggd tests/fixtures/real/50090NED-2020-18plus.xlsx \
    --vektis tests/fixtures/real/vektis-zvw-2023-gemeente.csv \
    --all --level wijk --out "$out/nederland"
runs=$runs_saved
