# Sourced by bench/run.sh and bench/search.sh: a throwaway store and servers on it, as a load test runs them.
# Needs: $storage (sqlite|postgres), $server (the CLI's dll), $load (bench/Load's dll). Sets: $work, $spec, pids.
work=$(mktemp -d /tmp/bwp-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [[ $storage == postgres ]] && pg_down
  rm -rf "$work"
}
trap cleanup EXIT
if [[ $storage == postgres ]]; then
  source scripts/postgres.sh
  pg_up >/dev/null
  spec="postgres:$BWP_TEST_POSTGRES"
else
  spec="sqlite:$work/orders.db"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_healthy() { for _ in $(seq 1 150); do curl -sf "$1/healthz" >/dev/null && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
start_server() { # URL LOG: the server as a load test runs it: Warning logs, rate limits lifted
  Limits__RequestsPerSecond=100000000 Limits__RequestBurst=100000000 Logging__LogLevel__Default=Warning \
    dotnet "$server" serve --urls "$1" --storage "$spec" >"$2" 2>&1 &
  pids+=($!)
}
bench_token() { # URL TARGET: prints a bearer token of a fresh all-scopes credential for the target
  local cred
  cred=$(dotnet "$server" credentials create --target-id "$2" --scopes all --json --storage "$spec")
  dotnet "$load" token --url "$1" --client-id "$(sed -E 's/.*"clientId":"([^"]+)".*/\1/' <<<"$cred")" \
    --client-secret "$(sed -E 's/.*"clientSecret":"([^"]+)".*/\1/' <<<"$cred")"
}
