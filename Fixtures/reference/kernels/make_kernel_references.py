#!/usr/bin/env python3
"""Reference pairwise distances for TendencyCore's kernels (KernelTests.swift).

Writes, beside this script, small data sets and SciPy's `pdist` on them:
  <name>_data.csv   input matrix, header c0..c{p-1}, one row per observation
  <name>_pdist.csv  one column per metric, condensed order (row i<j, row-major)
Values are printed with repr() (round-trip exact). NaN is written as "nan"
(SciPy's Dice on two all-zero rows; Tendency documents 0 there).

Run: python3 make_kernel_references.py   (numpy, scipy; seeded, deterministic)
"""
import csv
import os

import numpy as np
import scipy
from scipy.spatial.distance import pdist

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20260521)


def write(name, data, metrics):
    n, p = data.shape
    with open(os.path.join(HERE, f"{name}_data.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([f"c{k}" for k in range(p)])
        for row in data:
            w.writerow([repr(float(v)) for v in row])
    columns = [pdist(data, m) for m in metrics]
    with open(os.path.join(HERE, f"{name}_pdist.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(metrics)
        for values in zip(*columns):
            w.writerow([repr(float(v)) for v in values])


# Continuous: Gaussian columns of different scales and offsets (the offset
# exercises the centring in the Gram trick), one near-duplicate pair.
continuous = rng.normal(size=(14, 6)) * np.array([1, 10, 0.1, 3, 1, 5]) + np.array([100, -3, 0, 7, 1e3, 2])
continuous[5] = continuous[2] + 1e-6
write("continuous", continuous, ["sqeuclidean", "euclidean", "cosine", "correlation"])

# Binary with ties: duplicate rows, two all-zero rows, one all-one row.
binary = (rng.random(size=(12, 9)) < 0.4).astype(float)
binary[3] = binary[1]
binary[7] = 0
binary[10] = 0
binary[11] = 1
write("binary", binary, ["jaccard", "dice", "hamming"])

# Categorical for Hamming: small integer codes (indicator product path),
# one column with 40 distinct values (direct path), negative and fractional
# codes, and ties.
n = 40
categorical = np.column_stack([
    rng.integers(0, 4, size=n),
    rng.integers(-1, 2, size=n),
    rng.permutation(n) * 0.5 - 3,
    rng.integers(0, 2, size=n),
    rng.choice([0.25, 1.5, 2.75], size=n),
]).astype(float)
categorical[9] = categorical[4]
write("categorical", categorical, ["hamming"])

print(f"written with numpy {np.__version__}, scipy {scipy.__version__}")
