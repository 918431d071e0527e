#!/usr/bin/env bash
# Builds and runs the stiff baselines of Dynamics.Benchmarks/Baselines: SUNDIALS CVODE (BDF, dense direct solver,
# analytic Jacobian) and Boost.Odeint's rosenbrock4, on Robertson (t ∈ [0, 1e5]) and Van der Pol μ = 1000 (scaled,
# ε = 1e-6, t ∈ [0, 2]) at rtol = atol = 1e-4 … 1e-10, then the library's own sweep (Rodas4, Radau5, Rosenbrock23),
# one JSON line each: median ms per whole solve and the largest absolute error of the final state against the same
# references. Everything runs in one window, so the numbers compare.
#   scripts/stiff-baselines.sh            # baselines and the library
#   scripts/stiff-baselines.sh --c-only   # baselines only
# Installs gcc/g++, libsundials-dev and libboost-dev from Debian when missing (needs root). Not part of CI.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
missing=()
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
[ -f /usr/include/cvode/cvode.h ] || missing+=(libsundials-dev)
[ -f /usr/include/boost/numeric/odeint.hpp ] || missing+=(libboost-dev)
. "$here/scripts/debian-packages.sh"
install_packages ${missing[@]+"${missing[@]}"}
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
gcc -O3 -march=native -o "$build/cvode" "$here/Dynamics.Benchmarks/Baselines/stiff_cvode.c" \
  -lsundials_cvode -lsundials_nvecserial -lsundials_sunlinsoldense -lsundials_sunmatrixdense -lm
g++ -O3 -march=native -DNDEBUG -DBOOST_UBLAS_NDEBUG -o "$build/rosenbrock4" "$here/Dynamics.Benchmarks/Baselines/stiff_rosenbrock4_odeint.cpp"
"$build/cvode"
"$build/rosenbrock4"
if [ "${1:-}" != "--c-only" ]; then
  dotnet run -c Release --project "$here/Dynamics.Benchmarks" -- stiff
fi
