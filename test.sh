#!/usr/bin/env bash
# Runs every test. Needs only the .NET 10 SDK; restores NuGet packages itself.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore BwpOrders.sln
dotnet build BwpOrders.sln --no-restore -c Release
log=$(mktemp)
status=0
dotnet test BwpOrders.sln --no-build -c Release 2>&1 | tee "$log" || status=$?

# One plain closing line for CI: "N passed, N failed, N skipped".
summary=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" | tail -n 1 || true)
if [[ -n "$summary" ]]; then
  failed=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$summary")
  echo "tests: $passed passed, $failed failed, $skipped skipped"
fi
rm -f "$log"
exit "$status"
