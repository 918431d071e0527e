// Boost.Odeint's rosenbrock4 (Kaps–Rentrop order 4 with analytic Jacobian, controlled, ublas LU) on the stiff timing
// problems of Dynamics.Benchmarks StiffCommand: Robertson on [0, 1e5] and the scaled Van der Pol oscillator
// (eps = 1e-6) on [0, 2]. One JSON line per problem and tolerance, like stiff_cvode.c. Built by scripts/stiff-baselines.sh.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>
#include <boost/numeric/odeint.hpp>

using namespace boost::numeric::odeint;
typedef boost::numeric::ublas::vector<double> vector_type;
typedef boost::numeric::ublas::matrix<double> matrix_type;

static const double robertson_ref[3] = {0.017865921142104002, 7.274751468438174e-08, 0.982134006110379};
static const double vdp_ref[2] = {0.1706167732170483e+01, -0.8928097010247975e+00};

struct robertson_f {
  void operator()(const vector_type &y, vector_type &d, double) const {
    double slow = 0.04 * y[0], middle = 1e4 * y[1] * y[2], fast = 3e7 * y[1] * y[1];
    d[0] = -slow + middle; d[1] = slow - middle - fast; d[2] = fast;
  }
};
struct robertson_j {
  void operator()(const vector_type &y, matrix_type &J, const double &, vector_type &dfdt) const {
    J(0, 0) = -0.04; J(0, 1) = 1e4 * y[2]; J(0, 2) = 1e4 * y[1];
    J(1, 0) = 0.04; J(1, 1) = -1e4 * y[2] - 6e7 * y[1]; J(1, 2) = -1e4 * y[1];
    J(2, 0) = 0; J(2, 1) = 6e7 * y[1]; J(2, 2) = 0;
    dfdt[0] = dfdt[1] = dfdt[2] = 0;
  }
};
struct vdp_f {
  void operator()(const vector_type &y, vector_type &d, double) const {
    d[0] = y[1]; d[1] = ((1 - y[0] * y[0]) * y[1] - y[0]) / 1e-6;
  }
};
struct vdp_j {
  void operator()(const vector_type &y, matrix_type &J, const double &, vector_type &dfdt) const {
    J(0, 0) = 0; J(0, 1) = 1; J(1, 0) = (-2 * y[0] * y[1] - 1) / 1e-6; J(1, 1) = (1 - y[0] * y[0]) / 1e-6;
    dfdt[0] = dfdt[1] = 0;
  }
};

template <class F, class J>
static size_t solve(int n, const double *y0, double t1, double rtol, double atol, vector_type &y) {
  y = vector_type(n);
  for (int i = 0; i < n; i++) y[i] = y0[i];
  auto stepper = make_controlled<rosenbrock4<double>>(atol, rtol);
  return integrate_adaptive(stepper, std::make_pair(F(), J()), y, 0.0, t1, 1e-6);
}

template <class F, class J>
static void measure(const char *name, int n, const double *y0, double t1, const double *ref, double rtol, double atol) {
  using clock = std::chrono::steady_clock;
  vector_type y;
  size_t steps = solve<F, J>(n, y0, t1, rtol, atol, y);
  auto start = clock::now();
  int warm = 0;
  while (std::chrono::duration<double, std::milli>(clock::now() - start).count() < 100 && warm < 1000) { solve<F, J>(n, y0, t1, rtol, atol, y); warm++; }
  double per = std::chrono::duration<double, std::milli>(clock::now() - start).count() / warm;
  int repeats = std::clamp(static_cast<int>(300.0 / std::max(per, 1e-3)), 5, 2000);
  std::vector<double> times(repeats);
  for (int r = 0; r < repeats; r++) {
    auto s = clock::now();
    steps = solve<F, J>(n, y0, t1, rtol, atol, y);
    times[r] = std::chrono::duration<double, std::milli>(clock::now() - s).count();
  }
  std::sort(times.begin(), times.end());
  double error = 0;
  for (int i = 0; i < n; i++) error = std::max(error, std::fabs(y[i] - ref[i]));
  std::printf("{\"solver\":\"boost-rosenbrock4\",\"problem\":\"%s\",\"rtol\":%.0e,\"atol\":%.0e,\"ms\":%.4g,\"error\":%.2e,\"steps\":%zu}\n",
              name, rtol, atol, times[repeats / 2], error, steps);
}

int main() {
  const double r0[3] = {1, 0, 0}, v0[2] = {2, 0};
  for (int k = 4; k <= 10; k++) {
    double tol = std::pow(10.0, -k);
    measure<robertson_f, robertson_j>("robertson", 3, r0, 1e5, robertson_ref, tol, tol);
    measure<vdp_f, vdp_j>("vdp1000", 2, v0, 2.0, vdp_ref, tol, tol);
  }
  measure<robertson_f, robertson_j>("robertson", 3, r0, 1e5, robertson_ref, 1e-4, 1e-10);
  return 0;
}
