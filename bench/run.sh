#!/usr/bin/env bash
# Throughput benchmark: the server against the HTTP ceiling of the same run.
#
#   bench/run.sh [--storage sqlite|postgres] [--orders 1000] [--duration 10] [--connections 32] [--contention]
#
# Builds Release, starts bench/Echo (a minimal Kestrel JSON echo: the ceiling) and the server on a fresh store
# (SQLite in a temp folder, or a throwaway PostgreSQL with --storage postgres), creates N orders (through the API;
# above 10,000 one order is copied straight into the store), then runs wrk -t1 -cC -dDs against: the echo,
# `{ __typename }`, the `order` query (line items, totals, metadata) and `updateOrder` changing the total (every
# request a new amount, so every request writes), each on a random order, and deliveryPreview (a checkout calls it
# on every page view; each preview is stored for createOrder to check). Prints req/s, p50, p99, the ratio to
# the echo, GraphQL errors seen and the server's peak RSS. --contention then starts a second server process on
# the same PostgreSQL database and sends 2,000 updateOrder calls to one order from 64 clients through both.
set -euo pipefail
cd "$(dirname "$0")/.."

storage=sqlite orders=1000 duration=10 connections=32 contention=no
while [[ $# -gt 0 ]]; do
  case "$1" in
    --storage) storage=$2; shift 2 ;;
    --orders) orders=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --contention) contention=yes; storage=postgres; shift ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if ! command -v wrk >/dev/null; then
  sudo=$([[ $(id -u) == 0 ]] || echo sudo)
  $sudo apt-get install -y -q wrk >/dev/null 2>&1 || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q wrk >/dev/null; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in src/BwpOrders.Cli bench/Echo bench/Load; do dotnet build "$project" -c Release -v quiet -nologo >/dev/null; done
server=src/BwpOrders.Cli/bin/Release/net10.0/bwp-orders.dll
load=bench/Load/bin/Release/net10.0/Load.dll

source bench/server.sh

echo_url="http://127.0.0.1:$(free_port)"
dotnet bench/Echo/bin/Release/net10.0/Echo.dll --urls "$echo_url" >"$work/echo.log" 2>&1 &
pids+=($!)
url="http://127.0.0.1:$(free_port)"
start_server "$url" "$work/server.log"
server_pid=${pids[-1]}
wait_healthy "$url"

target=bench-target
token=$(bench_token "$url" "$target")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1024/1024}' /proc/meminfo), $(uname -r), commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%d)"
echo "storage: $storage; $orders orders; wrk -t1 -c$connections -d${duration}s"
if (( orders > 10000 )); then
  dotnet "$load" seed-fast --url "$url" --token "$token" --target "$target" --orders "$orders" --out "$work/ids" --storage "$spec"
else
  dotnet "$load" seed --url "$url" --token "$token" --target "$target" --orders "$orders" --out "$work/ids"
fi

# The checkout's catalog (deliveryPreview previews its prime_item_a).
curl -sf -X POST "$url/control/v1/catalog/import" -H "Authorization: Bearer $token" -H "x-api-target-id: $target" \
  -H 'content-type: application/json' -d @samples/catalog.json >/dev/null

# Peak RSS of the server, sampled while wrk runs.
rss_peak="$work/rss"; echo 0 >"$rss_peak"
( while kill -0 "$server_pid" 2>/dev/null; do
    kb=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0)
    (( kb > $(cat "$rss_peak") )) && echo "$kb" >"$rss_peak"
    sleep 0.5
  done ) &
pids+=($!)

export BENCH_IDS="$work/ids" BENCH_TOKEN="$token" BENCH_TARGET="$target"
echo_rps=""
run() { # NAME KIND URL
  local line
  line=$(BENCH_KIND=$2 wrk -t1 -c"$connections" -d"${duration}s" -s bench/wrk.lua "$3/graphql" | grep '^RESULT')
  read -r _ rps p50 p99 errors <<<"$line"
  [[ -z $echo_rps ]] && echo_rps=$rps
  printf '%-28s %9.0f req/s   p50 %7.2f ms   p99 %7.2f ms   %5.3fx echo   %s errors\n' "$1" "$rps" "$p50" "$p99" \
    "$(echo "$rps / $echo_rps" | bc -l)" "$errors"
}
# Warm-up until the JIT has tiered up the hot paths (on 2 cores that takes a while).
BENCH_KIND=warmup wrk -t1 -c"$connections" -d5s -s bench/wrk.lua "$echo_url/graphql" >/dev/null
BENCH_KIND=warmup wrk -t1 -c"$connections" -d20s -s bench/wrk.lua "$url/graphql" >/dev/null
run "echo (ceiling)" order "$echo_url"
run "{ __typename }" typename "$url"
run "order query" order "$url"
run "updateOrder (durable)" update "$url"
run "deliveryPreview (stored)" preview "$url"
echo "server peak RSS: $(( $(cat "$rss_peak") / 1024 )) MB"

if [[ $contention == yes ]]; then
  second="http://127.0.0.1:$(free_port)"
  start_server "$second" "$work/server2.log"
  wait_healthy "$second"
  dotnet "$load" contention --urls "$url,$second" --token "$token" --target "$target" --calls 2000 --concurrency 64
fi
