"""NumPy baseline: Monte Carlo of the Gumbel-softmax gradient estimator on logits, K = 10 categories.

For each sample: g_k = -log(-log u_k), y = softmax((o + g)/tau), f(y) = c . y, and the gradient with respect to the
logits d f / d o_j = (1/tau) y_j (c_j - sum_i c_i y_i).  The run accumulates the mean and the variance of every
component, exactly what Dynamics' GumbelSoftmaxMonteCarlo does, in vectorised NumPy over blocks of samples (the
idiomatic way: one array operation per step, blocks sized to stay in cache).  Prints one JSON line.
"""
import json
import sys
import time

import numpy as np

K = 10
TAU = 0.5
SAMPLES = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
BLOCK = 65_536

logits = np.linspace(-1.0, 1.0, K)
costs = np.cos(np.arange(K, dtype=np.float64))


def run(rng):
    total = np.zeros(K)
    total_sq = np.zeros(K)
    done = 0
    while done < SAMPLES:
        n = min(BLOCK, SAMPLES - done)
        u = rng.random((n, K))
        g = -np.log(-np.log(u))
        x = (logits + g) / TAU
        x -= x.max(axis=1, keepdims=True)
        e = np.exp(x)
        y = e / e.sum(axis=1, keepdims=True)
        mean_cost = y @ costs
        grad = y * (costs - mean_cost[:, None]) / TAU
        total += grad.sum(axis=0)
        total_sq += np.einsum("ij,ij->j", grad, grad)
        done += n
    mean = total / SAMPLES
    return mean, total_sq / SAMPLES - mean * mean


def main():
    rng = np.random.default_rng(12345)
    run(rng)  # warm-up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        mean, var = run(rng)
        times.append(time.perf_counter() - start)
    median = sorted(times)[len(times) // 2]
    print(json.dumps({
        "numpy_gumbel_softmax_k10_samples_per_s": round(SAMPLES / median),
        "samples": SAMPLES,
        "median_seconds": median,
        "tau": TAU,
        "numpy": np.__version__,
        "gradient_mean_0": float(mean[0]),
    }))


if __name__ == "__main__":
    main()
