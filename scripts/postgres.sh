#!/usr/bin/env bash
# Throwaway PostgreSQL for tests: `source scripts/postgres.sh; pg_up; ...; pg_down`.
# Installs Debian's postgresql when missing, runs initdb + pg_ctl in a temp folder on a free loopback port,
# and exports BWP_TEST_POSTGRES (an Npgsql connection string) for the test suite.
# pg_up passes its arguments to the server: test runs give PG_THROWAWAY (no fsync: each test class's CREATE and DROP
# DATABASE and every commit wait on the disk otherwise, and a crash of this server loses nothing anyone keeps);
# benchmarks give none, so what they measure is a durable server.
PG_THROWAWAY=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$dir" ]]; then
    echo "postgres.sh: installing PostgreSQL (apt-get install postgresql)" >&2
    if [[ $(id -u) -eq 0 ]]; then
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

# Below Linux's ephemeral range (32768+), so no outgoing connection can be holding the port.
free_port() {
  local port
  for port in $(shuf -i 15000-32000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

# PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_up() {
  local bin attempt
  bin=$(pg_bin)
  PG_CTL="$bin/pg_ctl"
  PG_TMP=$(mktemp -d /tmp/bwp-pg.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown postgres "$PG_TMP"
  as_pg "$bin/initdb" -D "$PG_TMP/data" -U postgres -A trust --no-sync >/dev/null
  for attempt in 1 2 3 4 5; do # a port can be taken between our check and the server's bind
    PG_PORT=$(free_port)
    if as_pg "$PG_CTL" -D "$PG_TMP/data" -l "$PG_TMP/log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=300 $*" start >/dev/null; then
      break
    fi
    if [[ $attempt -eq 5 ]]; then cat "$PG_TMP/log" >&2; return 1; fi
  done
  export BWP_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=50"
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
}

pg_down() {
  if [[ -n "${PG_TMP:-}" && -d "$PG_TMP" ]]; then
    as_pg "${PG_CTL:-pg_ctl}" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
