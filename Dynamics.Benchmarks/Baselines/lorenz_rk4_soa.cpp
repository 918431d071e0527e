// The C++ baseline for ensemble workload (a): RK4 on 100,000 Lorenz members (sigma = 10, rho = 28, beta = 8/3),
// dt = 0.01, 1,000 steps; structure of arrays, blocks of 64 members (the compiler vectorises the member loop, so each
// step advances eight independent registers), OpenMP over blocks. Initial states uniform in x, y in [-10, 10],
// z in [10, 40]; the generator differs from the C# workload's, which does not matter for a fixed-step throughput.
// Built and run by scripts/cpp-baselines.sh; prints the median of nine runs as JSON.
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>
#include <algorithm>
int main() {
  const int n = 100000, steps = 1000; const double dt = 0.01, s = 10, r = 28, b = 8.0 / 3;
  std::vector<double> X(n), Y(n), Z(n);
  std::mt19937_64 g(20240611); std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> times;
  for (int rep = 0; rep < 9; rep++) {
    for (int i = 0; i < n; i++) { X[i] = -10 + 20 * u(g); Y[i] = -10 + 20 * u(g); Z[i] = 10 + 30 * u(g); }
    auto t0 = std::chrono::steady_clock::now();
    const int block = 64;
#pragma omp parallel for schedule(static)
    for (int b0 = 0; b0 < n; b0 += block) {
      int e = std::min(n, b0 + block);
      double* __restrict x = X.data(); double* __restrict y = Y.data(); double* __restrict z = Z.data();
      for (int k = 0; k < steps; k++) {
#pragma omp simd
        for (int i = b0; i < e; i++) {
          double xi = x[i], yi = y[i], zi = z[i];
          double k1x = s * (yi - xi), k1y = xi * (r - zi) - yi, k1z = xi * yi - b * zi;
          double ax = xi + 0.5 * dt * k1x, ay = yi + 0.5 * dt * k1y, az = zi + 0.5 * dt * k1z;
          double k2x = s * (ay - ax), k2y = ax * (r - az) - ay, k2z = ax * ay - b * az;
          double bx = xi + 0.5 * dt * k2x, by = yi + 0.5 * dt * k2y, bz = zi + 0.5 * dt * k2z;
          double k3x = s * (by - bx), k3y = bx * (r - bz) - by, k3z = bx * by - b * bz;
          double cx = xi + dt * k3x, cy = yi + dt * k3y, cz = zi + dt * k3z;
          double k4x = s * (cy - cx), k4y = cx * (r - cz) - cy, k4z = cx * cy - b * cz;
          x[i] = xi + dt / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
          y[i] = yi + dt / 6 * (k1y + 2 * k2y + 2 * k3y + k4y);
          z[i] = zi + dt / 6 * (k1z + 2 * k2z + 2 * k3z + k4z);
        }
      }
    }
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  double check = 0; for (int i = 0; i < n; i++) check += X[i];
  std::printf("{\"cpp_rk4_system_steps_per_s\": %.4g, \"median_s\": %.4f, \"checksum\": %.6f}\n", (double)n * steps / times[4], times[4], check);
}
