#!/usr/bin/env bash
# BwpOrders.Testing start time: BwpSandbox.StartAsync to the first GraphQL answer, for the first sandbox of a process
# and for later ones in the same process (each on its own throwaway SQLite store).
#
#   bench/inprocess-startup.sh [--instances 10] [--runs 3]
#
# Builds Release, then runs bench/Startup that many times (each run a new process, so each has a "first").
set -euo pipefail
cd "$(dirname "$0")/.."

instances=10 runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --instances) instances=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "inprocess-startup.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Startup -c Release -v quiet -nologo >/dev/null
for ((run = 1; run <= runs; run++)); do
  echo "== run $run"
  dotnet bench/Startup/bin/Release/net10.0/Startup.dll --instances "$instances"
done
