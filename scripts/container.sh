#!/usr/bin/env bash
# Builds the container image with the .NET SDK (dotnet publish -t:PublishContainer: no Dockerfile, no daemon) into an
# OCI archive for `podman load -i` or `docker load -i`:
#   scripts/container.sh OUT.tar                on Microsoft's mcr.microsoft.com/dotnet/runtime-deps:10.0, asking
#                                               for linux-x64 and linux-arm64 (not yet shown to give both: README)
#   scripts/container.sh --local-base OUT.tar   linux-x64 on a base assembled here from Debian's packages (the same
#                                               libraries runtime-deps carries), served from a loopback registry: for a
#                                               machine that cannot reach mcr.microsoft.com, like this project's CI
# The image: bwp-orders:VERSION (one tag: podman 4 loads no archive of more), user 1654 (app), port 8080, state in /home/app, `serve` by default.
# Pushing to a registry instead is the SDK's own: add -p:ContainerRegistry=ghcr.io/OWNER and leave out the archive.
set -euo pipefail
cd "$(dirname "$0")/.."

local_base=0
[[ ${1:-} == --local-base ]] && { local_base=1; shift; }
[[ $# -eq 1 ]] || { echo "usage: scripts/container.sh [--local-base] OUT.tar" >&2; exit 2; }
out=$(realpath -m "$1")
mkdir -p "$(dirname "$out")"

publish() {
  # Its own artifacts folder, like scripts/publish.sh: the usual bin/ and obj/ (and a running test build) stay untouched.
  dotnet publish src/BwpOrders.Cli -c Release --self-contained --artifacts-path artifacts/container \
    -p:DebugType=none -t:PublishContainer -p:ContainerArchiveOutputPath="$out" "$@"
}

if [[ $local_base -eq 0 ]]; then
  # Not run here (no public registry). With a two-architecture base these same properties still gave one platform.
  publish -p:RuntimeIdentifiers='"linux-x64;linux-arm64"' -p:ContainerRuntimeIdentifiers='"linux-x64;linux-arm64"'
  exit 0
fi

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
missing=()
for tool in podman docker-registry; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "container.sh: installing podman and docker-registry (apt-get install)" >&2
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc iptables docker-registry >/dev/null
fi

# The base's root filesystem: runtime-deps' libraries from Debian 12's packages, the host's CA bundle, the user app
# (1654) owning /home/app, and /tmp. Built once and kept in artifacts/ (about 40 MB).
work=artifacts/container/base
base_tar=$work/rootfs.tar
if [[ ! -s $base_tar ]]; then
  rm -rf "$work" && mkdir -p "$work/debs" "$work/rootfs"
  (cd "$work/debs" && apt-get download -q -o APT::Sandbox::User=root libc6 libgcc-s1 libstdc++6 libssl3 zlib1g libicu72 tzdata >/dev/null)
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/rootfs"; done
  root=$work/rootfs
  rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/lintian"
  mkdir -p "$root/etc/ssl/certs" "$root/home/app" "$root/tmp" "$root/app"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:1654:1654:app:/home/app:/usr/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\napp:x:1654:\n' >"$root/etc/group"
  chmod 1777 "$root/tmp"
  tar -C "$root" --numeric-owner --owner=0 --group=0 --exclude=./home/app -cf "$base_tar" .
  tar -C "$root" --numeric-owner --owner=1654 --group=1654 -rf "$base_tar" ./home/app
  rm -rf "$work/rootfs" "$work/debs"
fi

# A loopback registry for the SDK to take the base from (it reads bases only by registry protocol), gone on exit.
registry_dir=$(mktemp -d /tmp/bwp-registry.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$registry_dir/config.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $registry_dir/data
http:
  addr: 127.0.0.1:$port
EOF
docker-registry serve "$registry_dir/config.yml" >"$registry_dir/registry.log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null; rm -rf "$registry_dir"' EXIT
until curl -sf "http://127.0.0.1:$port/v2/" >/dev/null; do
  kill -0 $registry_pid 2>/dev/null || { cat "$registry_dir/registry.log" >&2; exit 1; }
  sleep 0.1
done

base=127.0.0.1:$port/bwp-base:bookworm
as_root podman import -q --change 'USER 1654' --change 'WORKDIR /app' "$base_tar" localhost/bwp-base:bookworm >/dev/null
as_root podman push -q --tls-verify=false localhost/bwp-base:bookworm "docker://$base"
DOTNET_CONTAINER_INSECURE_REGISTRIES=127.0.0.1:$port publish -r linux-x64 -p:ContainerBaseImage="$base"
