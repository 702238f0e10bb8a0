#!/usr/bin/env bash
# Event delivery benchmark: deliveries per second to a local webhook sink, and commit-to-arrival latency.
#
#   bench/events.sh [--orders 10000] [--latency-orders 2000] [--rate 200] [--concurrency 32] [--storage postgres]
#
# Builds Release, then bench/Events runs everything: a loopback webhook sink, a server process that commits N
# orders without delivering (Events__Deliver=false), then a delivering one, timed until all N ORDER_CONFIRMED
# webhooks arrived; then orders at a steady rate, each timed from its createOrder answer to its webhook.
set -euo pipefail
cd "$(dirname "$0")/.."

driver_args=()
postgres=no
while [[ $# -gt 0 ]]; do
  case "$1" in
    --orders|--latency-orders|--rate|--concurrency) driver_args+=("$1" "$2"); shift 2 ;;
    --storage) [[ "$2" == postgres ]] && postgres=yes; shift 2 ;;
    *) echo "events.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/BwpOrders.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/Events -c Release -v quiet -nologo >/dev/null
work=$(mktemp -d /tmp/bwp-events.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [[ $postgres == yes ]]; then
  source scripts/postgres.sh
  pg_up
  trap 'pg_down; rm -rf "$work"' EXIT
  driver_args+=(--storage "postgres:$BWP_TEST_POSTGRES") # a fresh cluster: its postgres database is empty
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1024/1024}' /proc/meminfo), $(uname -r), commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%d)"
dotnet bench/Events/bin/Release/net10.0/Events.dll --server src/BwpOrders.Cli/bin/Release/net10.0/bwp-orders.dll --work "$work" "${driver_args[@]}"
