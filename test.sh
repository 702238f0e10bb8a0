#!/usr/bin/env bash
# Runs every test: the packaging tests (the single-file binary, the .NET tool, the container image under podman and the
# Testcontainers module), the domain's unit tests, the
# black-box suite on SQLite, then the black-box suite again on PostgreSQL (a throwaway server this script starts,
# installing Debian's postgresql first if it is missing), plus the PostgreSQL-only scale-out tests.
# Needs the .NET 10 SDK; restores NuGet and npm packages itself (installing Node.js and Chromium if missing). Set BWP_SKIP_POSTGRES=1 to run SQLite only.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
# Node.js from Debian if missing, before the build: the server's build bundles /explorer's GraphiQL with npm, and the
# suite runs JS tools (graphql-http's audit, the explorer in Chromium) from tests/e2e.
if ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: installing Node.js (apt-get install nodejs npm)" >&2
  sudo_if_needed apt-get update -qq >/dev/null
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
# The explorer's browser test drives Debian's Chromium (playwright-core downloads no browser).
if [[ ! -x /usr/bin/chromium ]]; then
  echo "test.sh: installing Chromium (apt-get install chromium)" >&2
  sudo_if_needed apt-get update -qq >/dev/null
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

dotnet restore BwpOrders.sln
dotnet build BwpOrders.sln --no-restore -c Release
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)

# The README's shell blocks, run by the suite, use curl, jq and python3; Debian's packages where missing.
missing=()
for tool in curl jq python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "test.sh: installing ${missing[*]} (apt-get install)" >&2
  sudo_if_needed apt-get update -qq >/dev/null
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

passed=0 failed=0 skipped=0 status=0
# Runs `dotnet test` on each project given and adds up the counts of every summary line it prints. A project that
# prints none (it crashed, or its tests never ran) fails the run rather than counting as nothing.
run_suite() {
  local label=$1 project log summary line
  shift
  echo "== $label"
  for project in "$@"; do
    log=$(mktemp)
    dotnet test "$project" --no-build -c Release 2>&1 | tee "$log" || status=1
    summary=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" || true)
    rm -f "$log"
    if [[ -z "$summary" ]]; then
      echo "test.sh: $project printed no test summary" >&2
      status=1
      continue
    fi
    while IFS= read -r line; do
      failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line")))
      passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$line")))
      skipped=$((skipped + $(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$line")))
    done <<<"$summary"
  done
}

# What users download and install, once: the linux-x64 single-file binary (scripts/publish.sh), the .NET tool
# (scripts/pack.sh) and the container image (scripts/container.sh --local-base, which installs podman, runc, iptables
# and docker-registry from apt if missing; podman runs rootful, so as root), each built once into a temp folder and
# run. Its time is printed to keep its cost in view.
packaging_started=$SECONDS
run_suite "Packaging: the linux-x64 binary, the .NET tool and the container image, built, installed and run" tests/BwpOrders.Packaging.Tests
echo "test.sh: packaging took $((SECONDS - packaging_started)) s"

# The domain's unit tests touch no database, and the merchant sample runs BwpOrders.Testing on its default throwaway
# SQLite store, so both run once, with the first pass.
domain=tests/BwpOrders.Domain.Tests samples=samples/BwpOrders.Samples.Tests blackbox=tests/BwpOrders.Tests
if [[ "${BWP_SKIP_POSTGRES:-}" == "1" ]]; then
  run_suite "Domain unit tests, the BwpOrders.Testing sample, then SQLite (PostgreSQL skipped: BWP_SKIP_POSTGRES=1)" "$domain" "$samples" "$blackbox"
else
  source scripts/postgres.sh
  trap pg_down EXIT
  pg_up "${PG_THROWAWAY[@]}"
  run_suite "Domain unit tests, the BwpOrders.Testing sample, then SQLite plus the PostgreSQL-only tests" "$domain" "$samples" "$blackbox"
  BWP_TEST_STORAGE=postgres run_suite "PostgreSQL: the black-box suite again" "$blackbox"
fi

# One plain closing line for CI.
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
