#!/usr/bin/env bash
# NumPy baseline of the MonoFlow KDE log-ratio kernel (N = 10,000, 2-D): prints one JSON line with pair interactions/s.
# Run it in the same window as `dotnet run -c Release --project Dynamics.Benchmarks -- quick` (or the
# MonoFlowKdeBenchmarks suite) and quote the ratio. Installs Debian's python3-numpy when missing (needs root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1; then
  echo "Installing python3-numpy." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-numpy >/dev/null
fi
/usr/bin/python3 "$here/numpy-monoflow.py"
