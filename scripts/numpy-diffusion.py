"""NumPy baselines of Dynamics.Benchmarks/DiffusionBenchmarks.cs, printing one JSON line each.

The same computations as the C# suite: exact-score evaluation of the 2-D eight-Gaussian ring (s = 0.15, radius 2) over
100,000 points; the EDM Heun sampler (18 Karras levels 80 -> 0.002 and 0, 35 score evaluations) on 100,000 samples; the
probability-flow ODE (EDM form dy/ds = eps*(y; s), s from 80 to 0.002) with per-sample adaptive Dormand-Prince 5(4) at
rtol 1e-5 on 100,000 samples.
"""
import json
import time

import numpy as np

K, D = 8, 2
angles = 2 * np.pi * np.arange(K) / K
MEANS = np.stack([2 * np.cos(angles), 2 * np.sin(angles)], axis=1)  # (K, 2)
S2 = 0.15 ** 2
LOGW = np.log(np.full(K, 1.0 / K))


def score(x, sigma):
    """Score of the ring convolved with N(0, sigma^2 I); x has shape (n, 2), sigma a scalar or shape (n, 1)."""
    v = S2 + sigma * sigma
    diff = x[:, None, :] - MEANS[None, :, :]             # (n, K, 2)
    logits = LOGW - 0.5 * (diff * diff).sum(-1) / v      # (n, K)
    logits -= logits.max(axis=1, keepdims=True)
    gamma = np.exp(logits)
    gamma /= gamma.sum(axis=1, keepdims=True)
    return -(gamma[:, :, None] * diff).sum(1) / v


def eps(y, s):
    return -s * score(y, s)


def karras(n, lo=0.002, hi=80.0, rho=7.0):
    i = np.arange(n)
    g = (hi ** (1 / rho) + i / (n - 1) * (lo ** (1 / rho) - hi ** (1 / rho))) ** rho
    return np.append(g, 0.0)


def best_of(f, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


rng = np.random.default_rng(0)
n = 100_000
points = rng.normal(size=(n, D)) * 2
t = best_of(lambda: score(points, 0.5), 5)
print(json.dumps({"benchmark": "score_2d_8components", "points": n, "seconds": t, "point_components_per_second": n * K / t}))

levels = karras(18)


def heun():
    y = rng.normal(size=(n, D)) * levels[0]
    for i in range(len(levels) - 1):
        h = levels[i + 1] - levels[i]
        d1 = eps(y, levels[i])
        y1 = y + h * d1
        if levels[i + 1] > 0:
            y = y + 0.5 * h * (d1 + eps(y1, levels[i + 1]))
        else:
            y = y1
    return y


t = best_of(heun, 3)
print(json.dumps({"benchmark": "heun_18_steps", "samples": n, "seconds": t, "samples_per_second": n / t}))

# Dormand-Prince 5(4) tableau.
A = [[], [1 / 5], [3 / 40, 9 / 40], [44 / 45, -56 / 15, 32 / 9], [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
     [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656], [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84]]
C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1]
B = np.array([35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0])
E = B - np.array([5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40])


def pf_ode(rtol=1e-5, atol=1e-5, s_end=0.002):
    y = rng.normal(size=(n, D)) * 80.0
    s = np.full(n, 80.0)
    h = np.full(n, -0.5)
    active = np.ones(n, dtype=bool)
    while active.any():
        idx = np.nonzero(active)[0]
        ya, sa = y[idx], s[idx]
        ha = np.maximum(h[idx], s_end - sa)  # negative steps, last step lands on s_end
        ks = []
        for stage in range(7):
            yi = ya.copy()
            for j, a in enumerate(A[stage]):
                yi += (ha * a)[:, None] * ks[j]
            sig = sa + C[stage] * ha
            ks.append(-sig[:, None] * score(yi, sig[:, None]))  # eps* = -s * score, per-sample s
        y5 = ya + ha[:, None] * sum(B[j] * ks[j] for j in range(7))
        err = ha[:, None] * sum(E[j] * ks[j] for j in range(7))
        scale = atol + rtol * np.maximum(np.abs(ya), np.abs(y5))
        norm = np.sqrt(((err / scale) ** 2).mean(axis=1))
        accept = norm <= 1
        acc = idx[accept]
        y[acc] = y5[accept]
        s[acc] = sa[accept] + ha[accept]
        factor = np.clip(0.9 * np.maximum(norm, 1e-10) ** -0.2, 0.2, 10.0)
        h[idx] = ha * factor
        active[acc[np.abs(s[acc] - s_end) < 1e-12]] = False
    return y


t = best_of(pf_ode, 1)
print(json.dumps({"benchmark": "pf_ode_dp5_rtol_1e-5", "samples": n, "seconds": t, "samples_per_second": n / t}))
