#!/usr/bin/env bash
# Listing benchmark: the control API's order and return listings on a store of N orders.
#
#   bench/search.sh [--storage sqlite|postgres] [--orders 1000000] [--requests 200]
#
# Builds Release, starts the server on a fresh store (SQLite in a temp folder, or a throwaway PostgreSQL), makes three
# template orders through the API (not started; a pending package; delivered) and copies them straight into the store
# as N orders with an alias each, one creation second apart, and a return row for every tenth (bench/Search seed).
# Then R sequential requests of each kind of listing over HTTP (newest page, following cursors, by alias, by id, by
# state, by package state in a time range, combined filters, returns), printing p50/p95/p99, and for comparison the
# time one full scan of the orders table takes on the same store.
set -euo pipefail
cd "$(dirname "$0")/.."

storage=sqlite orders=1000000 requests=200
while [[ $# -gt 0 ]]; do
  case "$1" in
    --storage) storage=$2; shift 2 ;;
    --orders) orders=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    *) echo "search.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in src/BwpOrders.Cli bench/Load bench/Search; do dotnet build "$project" -c Release -v quiet -nologo >/dev/null; done
server=src/BwpOrders.Cli/bin/Release/net10.0/bwp-orders.dll
load=bench/Load/bin/Release/net10.0/Load.dll
search=bench/Search/bin/Release/net10.0/Search.dll
source bench/server.sh

url="http://127.0.0.1:$(free_port)"
start_server "$url" "$work/server.log"
wait_healthy "$url"
target=bench-target
token=$(bench_token "$url" "$target")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1024/1024}' /proc/meminfo), $(uname -r), commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%d)"
echo "storage: $storage; $orders orders; $requests sequential requests per listing"
started=$SECONDS
dotnet "$search" seed --url "$url" --token "$token" --target "$target" --orders "$orders" --storage "$spec"
echo "seeded in $((SECONDS - started)) s; store size: $(du -sh "$work" | cut -f1)"
# The statistics autovacuum would gather after a bulk load, now rather than at some point during the run.
[[ $storage == postgres ]] && as_pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc 'ANALYZE'
dotnet "$search" measure --url "$url" --token "$token" --target "$target" --orders "$orders" --requests "$requests" --storage "$spec"
