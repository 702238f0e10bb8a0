#!/usr/bin/env bash
# Hostile-load memory benchmark: starts the server (Release, SQLite, rate limits lifted so one client can send
# fast), drives generated hostile requests at it (bench/Hostile, the same generator as the hostile-input tests,
# with distinct oversized documents mixed in), and reports peak and settled RSS and the status counts.
#
#   bench/hostile.sh [--requests 10000] [--oversized 1000] [--concurrency 16] [--max-settled-mb 300]
#
# Extra server settings go through the environment as usual (e.g. DOTNET_GCHeapHardLimit=0x20000000,
# DOTNET_gcServer=0, Limits__DocumentCacheBytes=...). Exit code 0 only when every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."

driver_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --requests|--oversized|--concurrency|--max-settled-mb|--settle-seconds) driver_args+=("$1" "$2"); shift 2 ;;
    *) echo "hostile.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/BwpOrders.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/Hostile -c Release -v quiet -nologo >/dev/null
server=${BWP_SERVER_DLL:-src/BwpOrders.Cli/bin/Release/net10.0/bwp-orders.dll}

work=$(mktemp -d /tmp/bwp-hostile.XXXXXX)
storage="sqlite:$work/orders.db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
Limits__RequestsPerSecond=1000000 Limits__RequestBurst=1000000 Logging__LogLevel__Default=Warning \
  dotnet "$server" serve --urls "http://127.0.0.1:$port" --storage "$storage" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done

cred=$(dotnet "$server" credentials create --target-id bench-hostile --scopes all --json --storage "$storage")
field() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/" <<<"$cred"; }

echo "server: pid $pid, $(curl -s "http://127.0.0.1:$port/metrics" | grep -E '^bwp_gc_(info|heap_limit)' | tr '\n' ' ')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1024/1024}' /proc/meminfo), $(uname -r), commit $(git rev-parse --short HEAD)"
dotnet bench/Hostile/bin/Release/net10.0/Hostile.dll --url "http://127.0.0.1:$port" --target bench-hostile \
  --client-id "$(field clientId)" --client-secret "$(field clientSecret)" --server-pid "$pid" "${driver_args[@]}"
