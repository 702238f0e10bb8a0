#!/usr/bin/env bash
# Builds the container image with the .NET SDK (dotnet publish -t:PublishContainer: no Dockerfile, no daemon) into an
# OCI archive for `podman load -i` or `docker load -i`:
#   scripts/container.sh OUT.tar                linux-x64 and linux-arm64 (one OCI index) on Microsoft's
#                                               mcr.microsoft.com/dotnet/runtime-deps:10.0
#   scripts/container.sh --local-base OUT.tar   the same on a base assembled here from Debian's packages (the same
#                                               libraries runtime-deps carries), served from a loopback registry: for a
#                                               machine that cannot reach mcr.microsoft.com, like this project's CI
# The image: bwp-orders:VERSION (one tag: podman 4 loads no archive of more), user 1654 (app), port 8080, store in /home/app/data, `serve` by default.
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
  # Self-contained through the project's ContainerSelfContained: --self-contained here would fix the outer build to this
  # machine's platform, and the SDK would build that one alone.
  dotnet publish src/BwpOrders.Cli -c Release -p:ContainerSelfContained=true --artifacts-path artifacts/container \
    -p:DebugType=none -t:PublishContainer -p:ContainerArchiveOutputPath="$out" "$@"
}

# One image for both architectures (an OCI index), on either base.
platforms=(-p:RuntimeIdentifiers='"linux-x64;linux-arm64"' -p:ContainerRuntimeIdentifiers='"linux-x64;linux-arm64"')
if [[ $local_base -eq 0 ]]; then
  publish "${platforms[@]}"
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

# The base's root filesystem for one architecture (amd64, arm64): runtime-deps' libraries from Debian 12's packages,
# the host's CA bundle, the user app (1654) owning /home/app, and /tmp. Built once and kept in artifacts/ (about 60 MB
# each). Another architecture's packages come from apt's own lists for it, kept apart from the machine's.
base_rootfs() {
  local arch=$1 work=artifacts/container/base-$1 apt_options=(-q -o APT::Sandbox::User=root)
  local tar=$work/rootfs.tar root=$work/rootfs
  [[ -s $tar ]] && return 0
  rm -rf "$work" && mkdir -p "$work/debs" "$root"
  if [[ $arch != "$(dpkg --print-architecture)" ]]; then
    mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial"
    apt_options+=(-o "APT::Architecture=$arch" -o "APT::Architectures=$arch" -o "Dir::State::Lists=$PWD/$work/apt/lists" -o "Dir::Cache=$PWD/$work/apt/cache")
    apt-get "${apt_options[@]}" update >/dev/null
  fi
  (cd "$work/debs" && apt-get "${apt_options[@]}" download libc6 libgcc-s1 libstdc++6 libssl3 zlib1g libicu72 tzdata >/dev/null)
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$root"; done
  rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/lintian"
  mkdir -p "$root/etc/ssl/certs" "$root/home/app" "$root/tmp" "$root/app"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:1654:1654:app:/home/app:/usr/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\napp:x:1654:\n' >"$root/etc/group"
  chmod 1777 "$root/tmp"
  tar -C "$root" --numeric-owner --owner=0 --group=0 --exclude=./home/app -cf "$tar" .
  tar -C "$root" --numeric-owner --owner=1654 --group=1654 -rf "$tar" ./home/app
  rm -rf "$root" "$work/debs" "$work/apt"
}

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

# The base as one multi-arch image, as Microsoft's is: a manifest list of both architectures.
base=127.0.0.1:$port/bwp-base:bookworm
list=localhost/bwp-base:bookworm-list
as_root podman manifest rm "$list" >/dev/null 2>&1 || true # an earlier run's
as_root podman manifest create "$list" >/dev/null
for arch in amd64 arm64; do
  base_rootfs "$arch"
  as_root podman import -q --arch "$arch" --change 'USER 1654' --change 'WORKDIR /app' "artifacts/container/base-$arch/rootfs.tar" "localhost/bwp-base:bookworm-$arch" >/dev/null
  as_root podman manifest add "$list" "containers-storage:localhost/bwp-base:bookworm-$arch" >/dev/null
done
as_root podman manifest push -q --all --tls-verify=false "$list" "docker://$base"
DOTNET_CONTAINER_INSECURE_REGISTRIES=127.0.0.1:$port publish "${platforms[@]}" -p:ContainerBaseImage="$base"
