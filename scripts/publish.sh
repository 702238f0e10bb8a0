#!/usr/bin/env bash
# Builds the self-contained single-file binary of the command line (no .NET needed to run it, native SQLite inside).
#   scripts/publish.sh RID OUTDIR   writes OUTDIR/bwp-orders (OUTDIR/bwp-orders.exe for win-*)
#   scripts/publish.sh all [ROOT]   every RID below, each into ROOT/RID (default: dist/RID)
# Trimming and Native AOT are left off on purpose: both build, but reflection-based JSON and GraphQL.NET's resolvers
# then fail at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

RIDS=(linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)

publish() {
  local rid=$1 out=$2
  # Its own artifacts folder: the RID-specific restore and build leave the usual bin/ and obj/ (and so a running
  # test suite's build) alone.
  dotnet publish src/BwpOrders.Cli -c Release -r "$rid" --self-contained \
    --artifacts-path "artifacts/publish" \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none \
    -o "$out"
}

case "${1:-}" in
  all)
    for rid in "${RIDS[@]}"; do publish "$rid" "${2:-dist}/$rid"; done ;;
  ?*)
    [[ $# -eq 2 ]] || { echo "usage: scripts/publish.sh RID OUTDIR | scripts/publish.sh all [ROOT]" >&2; exit 2; }
    publish "$1" "$2" ;;
  *)
    echo "usage: scripts/publish.sh RID OUTDIR | scripts/publish.sh all [ROOT]" >&2; exit 2 ;;
esac
