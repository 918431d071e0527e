#!/usr/bin/env bash
# NumPy baselines of Dynamics.Benchmarks/DiffusionBenchmarks.cs (exact-score evaluation, EDM Heun, PF-ODE with DP5),
# printing one JSON line each. Run it in the same window as the C# suite:
#   scripts/numpy-diffusion.sh
#   dotnet run -c Release --project Dynamics.Benchmarks -- --filter '*DiffusionBenchmarks*' --job short
# Installs Debian's python3-numpy when /usr/bin/python3 cannot import numpy (needs root). Not part of CI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/debian-packages.sh"
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || install_packages python3-numpy
/usr/bin/python3 "$here/numpy-diffusion.py"
