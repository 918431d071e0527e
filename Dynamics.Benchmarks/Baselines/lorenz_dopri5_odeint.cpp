// The C++ baseline for the single-trajectory target: Boost.Odeint's controlled runge_kutta_dopri5 (its own step
// adjuster: integral control, max norm) on Lorenz from (1, 1, 1) over t in [0, 20] at rtol = atol = 1e-8, state in a
// std::array so everything stays in registers. Built and run by scripts/cpp-baselines.sh; median of 2,001 runs.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <vector>
#include <boost/numeric/odeint.hpp>
using state = std::array<double, 3>;
static long evaluations = 0;
struct lorenz {
  void operator()(const state& y, state& dydt, double) const {
    ++evaluations;
    dydt[0] = 10.0 * (y[1] - y[0]);
    dydt[1] = y[0] * (28.0 - y[2]) - y[1];
    dydt[2] = y[0] * y[1] - 8.0 / 3.0 * y[2];
  }
};
int main() {
  using namespace boost::numeric::odeint;
  std::vector<double> times;
  state y{};
  long rhs = 0;
  for (int rep = 0; rep < 2001; rep++) {
    y = {1.0, 1.0, 1.0};
    evaluations = 0;
    auto t0 = std::chrono::steady_clock::now();
    integrate_adaptive(make_controlled(1e-8, 1e-8, runge_kutta_dopri5<state>()), lorenz(), y, 0.0, 20.0, 0.01);
    times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    rhs = evaluations;
  }
  std::sort(times.begin(), times.end());
  std::printf("{\"odeint_dopri5_lorenz_1e-8_us\": %.1f, \"rhs\": %ld, \"final\": [%.10f, %.10f, %.10f]}\n", times[times.size() / 2], rhs, y[0], y[1], y[2]);
}
