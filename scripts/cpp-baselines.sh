#!/usr/bin/env bash
# Builds and runs the C++ baselines of Dynamics.Benchmarks/Baselines (g++ -O3 -march=native, OpenMP, Boost.Odeint)
# and prints one JSON line each: SoA RK4 (workload a), per-lane adaptive DP5 on AVX-512 (workload b), Boost.Odeint dopri5. Run it right before or after the quick mode: only figures from one window compare.
#   scripts/cpp-baselines.sh
# Installs g++ and libboost-dev from Debian when missing (needs root, as on the project's machines). Not part of CI.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
missing=()
command -v g++ >/dev/null 2>&1 || missing+=(g++)
[ -f /usr/include/boost/numeric/odeint.hpp ] || missing+=(libboost-dev)
. "$here/scripts/debian-packages.sh"
install_packages ${missing[@]+"${missing[@]}"}
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
g++ -O3 -march=native -fopenmp -ffp-contract=fast -o "$build/rk4" "$here/Dynamics.Benchmarks/Baselines/lorenz_rk4_soa.cpp"
# -ffp-contract=off: the per-lane kernel writes every fused multiply-add the library has, and no other, so its final
# states are the library's bit for bit.
g++ -O3 -march=native -fopenmp -ffp-contract=off -o "$build/dp5lanes" "$here/Dynamics.Benchmarks/Baselines/lorenz_dp5_lanes.cpp"
g++ -O3 -march=native -o "$build/odeint" "$here/Dynamics.Benchmarks/Baselines/lorenz_dopri5_odeint.cpp"
OMP_NUM_THREADS="$(nproc)" "$build/rk4"
OMP_NUM_THREADS="$(nproc)" "$build/dp5lanes"               # the issue's kernel: 8 lanes (one __m512d) per thread
OMP_NUM_THREADS="$(nproc)" "$build/dp5lanes" --groups 2    # 16 lanes per thread, the library's own width (Lane512Pair)
"$build/odeint"
