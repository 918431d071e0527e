#!/usr/bin/env bash
# NumPy baseline of the MonoFlow KDE log-ratio kernel (N = 10,000, 2-D): prints one JSON line with pair interactions/s.
# Run it in the same window as `dotnet run -c Release --project Dynamics.Benchmarks -- quick` (or the
# MonoFlowKdeBenchmarks suite) and quote the ratio. Installs Debian's python3-numpy when missing (needs root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/debian-packages.sh"
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || install_packages python3-numpy
/usr/bin/python3 "$here/numpy-monoflow.py"
