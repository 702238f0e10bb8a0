#!/usr/bin/env bash
# bench/startup.sh [--runs 5]
# Time from process start to the first successful GraphQL answer, as a test harness sees it: start `serve` on a fresh
# SQLite store, wait for the sandbox credential it prints, POST /token, then `{ __typename }`. For the single-file
# binary (scripts/publish.sh linux-x64), the installed .NET tool (scripts/pack.sh), `dotnet bwp-orders.dll`, and the
# container image (scripts/container.sh --local-base) under podman: `podman run` on the host's network, so the time
# includes creating and starting the container, not the image build or load.
# Prints min / median / max in ms per command; results go to bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
[[ ${1:-} == --runs ]] && runs=$2

work=$(mktemp -d /tmp/bwp-startup.XXXXXX)
trap 'rm -rf "$work"; if [[ -n ${image:-} ]]; then podman rmi --force "$image" >/dev/null 2>&1 || true; fi' EXIT
echo "building into $work (publish, pack, tool install, build)" >&2
scripts/publish.sh linux-x64 "$work/bin" >"$work/build.log" 2>&1
scripts/pack.sh "$work/nupkg" >>"$work/build.log" 2>&1
version=$(basename "$work"/nupkg/BwpOrders.[0-9]*.nupkg .nupkg | sed 's/^BwpOrders\.//')
NUGET_PACKAGES="$work/nuget" dotnet tool install --tool-path "$work/tools" --add-source "$work/nupkg" BwpOrders --version "$version" >>"$work/build.log" 2>&1
dotnet build src/BwpOrders.Cli -c Release >>"$work/build.log" 2>&1
scripts/container.sh --local-base "$work/bwp-orders.tar" >>"$work/build.log" 2>&1
# This machine's sandbox limits (see spec/distribution-notes, "What podman needed"): runc, and ulimits it allows.
printf '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=1000:1000"]\n[engine]\nruntime = "runc"\n' >"$work/containers.conf"
export CONTAINERS_CONF=${CONTAINERS_CONF:-$work/containers.conf}
image=$(podman load -i "$work/bwp-orders.tar" 2>/dev/null | sed -nE 's/^Loaded image: //p')
chmod 777 "$work" # the image's user (1654) writes its store under it

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# One start: prints the milliseconds from launching the command to the first successful GraphQL answer.
one_start() {
  local dir port log start pid id secret target token
  dir=$(mktemp -d "$work/run.XXXXXX") port=$(free_port) log="$dir/serve.log"
  chmod 777 "$dir" # the container image's user (1654) writes its store here
  : >"$log" # there before the poll below reads it
  start=$(date +%s%N)
  "$@" serve --urls "http://127.0.0.1:$port" --storage "sqlite:$dir/bwp.db" >"$log" 2>&1 &
  pid=$!
  until grep -q 'scopes:' "$log"; do
    kill -0 "$pid" 2>/dev/null || { echo "serve exited early:" >&2; cat "$log" >&2; return 1; }
    sleep 0.01
  done
  id=$(sed -nE 's/^ +client id: +(\S+)/\1/p' "$log") secret=$(sed -nE 's/^ +client secret: +(\S+)/\1/p' "$log")
  target=$(sed -nE 's/^ +target id: +(\S+)/\1/p' "$log")
  token=$(curl -sf "http://127.0.0.1:$port/token" -d grant_type=client_credentials -d client_id="$id" -d client_secret="$secret" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  curl -sf "http://127.0.0.1:$port/graphql" -H "Authorization: Bearer $token" -H "x-api-target-id: $target" \
    -H 'x-api-version: 2024-11-01' -H 'content-type: application/json' -d '{"query":"{ __typename }"}' | grep -q '"__typename"'
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill -TERM "$pid"
  wait "$pid" || { echo "serve exited with $? on SIGTERM" >&2; return 1; }
}

measure() {
  local label=$1 times
  shift
  one_start "$@" >/dev/null # warm-up: page cache, single-file extraction of the native library
  times=$(for _ in $(seq "$runs"); do one_start "$@"; done | sort -n)
  printf '%-28s min %5s  median %5s  max %5s ms  (%s runs)\n' "$label" "$(head -1 <<<"$times")" \
    "$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$times")" "$(tail -1 <<<"$times")" "$runs"
}

echo "commit $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "single-file binary" "$work/bin/bwp-orders"
measure ".NET tool (installed)" "$work/tools/bwp-orders"
measure "dotnet bwp-orders.dll" dotnet src/BwpOrders.Cli/bin/Release/net10.0/bwp-orders.dll
measure "container image (podman)" podman run --rm --network host -v "$work:$work" "$image"
