"""NumPy baseline: Monte Carlo of the Gumbel-softmax gradient estimator on logits, K = 10 categories.

For each sample: g_k = -log(-log u_k), y = softmax((o + g)/tau), f(y) = c . y, and the gradient with respect to the
logits d f / d o_j = (1/tau) y_j (c_j - sum_i c_i y_i).  A second figure draws g_k = -log E_k with E_k from NumPy's
exponential ziggurat, the method earlier versions of Dynamics used (it now draws g from a Gumbel ziggurat, which NumPy
does not have: its rng.gumbel takes two logarithms).  The run accumulates the mean and the variance of every
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


def two_logarithms(rng, shape):
    return -np.log(-np.log(rng.random(shape)))


def exponential_ziggurat(rng, shape):
    # NumPy's standard_exponential is itself a ziggurat: the fastest NumPy route to Gumbel noise (one logarithm).
    return -np.log(rng.standard_exponential(shape))


def run(rng, gumbel=two_logarithms):
    total = np.zeros(K)
    total_sq = np.zeros(K)
    done = 0
    while done < SAMPLES:
        n = min(BLOCK, SAMPLES - done)
        g = gumbel(rng, (n, K))
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


def median_seconds(gumbel):
    rng = np.random.default_rng(12345)
    run(rng, gumbel)  # warm-up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        mean, _ = run(rng, gumbel)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2], mean


def main():
    median, mean = median_seconds(two_logarithms)
    ziggurat, _ = median_seconds(exponential_ziggurat)
    print(json.dumps({
        "numpy_gumbel_softmax_k10_samples_per_s": round(SAMPLES / median),
        "numpy_exponential_gumbel_softmax_k10_samples_per_s": round(SAMPLES / ziggurat),
        "samples": SAMPLES,
        "median_seconds": median,
        "tau": TAU,
        "numpy": np.__version__,
        "gradient_mean_0": float(mean[0]),
    }))


if __name__ == "__main__":
    main()
