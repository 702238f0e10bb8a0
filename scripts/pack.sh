#!/usr/bin/env bash
# Writes the NuGet packages into OUTDIR: the .NET tool BwpOrders (command bwp-orders), BwpOrders.Testing and
# BwpOrders.Testcontainers.
#   scripts/pack.sh OUTDIR
# Then: dotnet tool install -g BwpOrders --add-source OUTDIR   (or, without installing: dotnet dnx BwpOrders --add-source OUTDIR)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 1 ]] || { echo "usage: scripts/pack.sh OUTDIR" >&2; exit 2; }

# One project a line; each is packed with the version of Directory.Build.props.
PROJECTS=(
  src/BwpOrders.Cli              # BwpOrders: the .NET tool
  src/BwpOrders.Testing          # BwpOrders.Testing: the server in a test's own process
  src/BwpOrders.Testcontainers   # BwpOrders.Testcontainers: the container image from a test
)

for project in "${PROJECTS[@]}"; do
  # The artifacts folder scripts/publish.sh uses too: the libraries built for one are reused by the other, and the
  # usual bin/ and obj/ are left alone.
  dotnet pack "$project" -c Release --artifacts-path artifacts/publish -o "$1"
done
