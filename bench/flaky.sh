#!/usr/bin/env bash
# Runs the tests matching a filter N times in a row and says how many runs passed: a test that fails once in
# twenty is a bug (a race, a hang), and this is how it is found and how a fix is shown to hold.
#
#   bench/flaky.sh TEST-FILTER [N]        e.g. bench/flaky.sh ScaleOutTests 20
#
# TEST-FILTER is a dotnet test --filter expression, or a plain name matched against test names. Builds Release
# once; starts a throwaway PostgreSQL as test.sh does (BWP_TEST_STORAGE=postgres runs the filtered tests on it,
# which is where the PostgreSQL-only tests run). The log of every failed run is kept and its path printed.
set -euo pipefail
cd "$(dirname "$0")/.."

filter=${1:?usage: bench/flaky.sh TEST-FILTER [N]}
runs=${2:-20}
[[ $filter == *[=~!]* ]] || filter="FullyQualifiedName~$filter"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build BwpOrders.sln -c Release -v quiet -nologo >/dev/null

source scripts/postgres.sh
trap pg_down EXIT
pg_up "${PG_THROWAWAY[@]}"

logs=$(mktemp -d /tmp/bwp-flaky.XXXXXX)
passed=0
for run in $(seq 1 "$runs"); do
  started=$(date +%s)
  if dotnet test tests/BwpOrders.Tests --no-build -c Release --filter "$filter" >"$logs/run-$run.log" 2>&1; then
    result=$(grep -E "^(Passed|Failed)!" "$logs/run-$run.log" | tail -n 1 | sed -E 's/ - BwpOrders.*//')
    if ! grep -qE "Passed: +[1-9]" <<<"$result"; then echo "run $run: no test ran for '$filter' (${result:-no summary})" >&2; exit 2; fi
    passed=$((passed + 1))
    rm "$logs/run-$run.log"
    echo "run $run: passed in $(($(date +%s) - started)) s ($result)"
  else
    echo "run $run: FAILED in $(($(date +%s) - started)) s, log: $logs/run-$run.log"
    grep -E "^\s+Failed |Error Message" -A1 "$logs/run-$run.log" | head -n 6 | sed 's/^/    /'
  fi
done
echo "flaky.sh: $passed/$runs runs passed ($filter)"
[[ $passed -eq $runs ]]
