#!/usr/bin/env bash
# The NumPy baseline for the estimator benchmarks: the Gumbel-softmax gradient of a linear cost over K = 10 categories,
# Monte Carlo mean and variance, in samples per second, printed as one JSON line. Run it right before or after the
# BenchmarkDotNet suite (Dynamics.Benchmarks/EstimatorBenchmarks.cs) or the quick mode: only figures from one window
# compare.   scripts/numpy-estimators.sh [samples]
# Installs Debian's python3-numpy when /usr/bin/python3 cannot import numpy (needs root, as on the project's machines).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/debian-packages.sh"
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || install_packages python3-numpy
exec /usr/bin/python3 "$here/numpy-estimators.py" "$@"
