#!/usr/bin/env bash
# Benchmark of `wijkmonitor serve` on the example pipeline, on loopback only:
# area page times, first-request PDF times on a warm server, 50 concurrent
# PDF requests (each checked: a PDF naming its area), the server's peak memory.
# Usage: scripts/serve-bench.sh [BINARY]   (default: $CARGO_TARGET_DIR/debug/wijkmonitor)
# Needs curl and pdftotext. Every request loop is bounded; the server is
# stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${CARGO_TARGET_DIR:-target}/debug/wijkmonitor}"
work="$(mktemp -d)"
port=$(( 20000 + RANDOM % 20000 ))
/usr/bin/time -v -o "$work/time" "$bin" serve pipelines/voorbeeld.toml --port "$port" \
    > "$work/stdout" 2> "$work/stderr" &
server=$!
trap 'pkill -P "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 600); do
    grep -q http "$work/stdout" 2>/dev/null && break
    sleep 0.1
done
base="http://127.0.0.1:$port"
echo "server ready after $SECONDS s"
t() { curl -s -o "$2" -w '%{time_total}' "$base$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# The wijken of the example (codes from the start pages of its municipalities).
# The municipalities of the example whose wijken have data.
gemeenten="GM0202 GM0213 GM0268 GM0296 GM0546 GM0828 GM1507 GM1652 GM1940 GM1950"
codes=$(for g in $gemeenten; do
    curl -s "$base/?gemeente=$g" | grep -o 'href="/gebied/WK[0-9]*"' | sed 's/.*\/gebied\/\(WK[0-9]*\)"/\1/' || true
done | sort -u)
echo "wijken with a page: $(echo "$codes" | wc -l)"

t /gebied/WK082801 /dev/null > /dev/null   # warm-up
for code in $(echo "$codes" | head -20); do t "/gebied/$code" /dev/null; echo; done \
    | median | awk '{printf "area page: median %.1f ms (20 wijken)\n", $1*1000}'

t /gebied/WK082801/pdf /dev/null > /dev/null   # warm-up: fonts, templates
for code in $(echo "$codes" | sed -n 21,30p); do t "/gebied/$code/pdf" /dev/null; echo; done \
    | median | awk '{printf "PDF, first request: median %.1f ms (10 wijken)\n", $1*1000}'

start=$(date +%s.%N)
echo "$codes" | sed -n 31,80p | xargs -P 50 -I{} sh -c \
    "curl -s -o '$work/{}.pdf' '$base/gebied/{}/pdf'"
end=$(date +%s.%N)
ok=0; n=0
for code in $(echo "$codes" | sed -n 31,80p); do
    n=$((n + 1))
    text=$(pdftotext "$work/$code.pdf" - 2>/dev/null || true)
    if [ "$(head -c 4 "$work/$code.pdf")" = "%PDF" ] && [[ "$text" == *"$code"* ]]; then
        ok=$((ok + 1))
    else
        echo "not a PDF of $code: $(head -c 200 "$work/$code.pdf" | tr -d '\0')"
    fi
done
awk -v s="$start" -v e="$end" -v ok="$ok" -v n="$n" \
    'BEGIN {printf "%d concurrent PDF requests: %d correct, all answered in %.1f s\n", n, ok, e - s}'
# Ctrl-C for the server itself (GNU time ignores SIGINT while it waits).
pkill -INT -P "$server" || true
wait "$server" 2>/dev/null || true
grep -E "Maximum resident" "$work/time" | sed 's/^\s*/server /'
