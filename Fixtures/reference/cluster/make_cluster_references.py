#!/usr/bin/env python3
"""Reference outputs for `tendency cluster` (kernel + linkage end to end).

Writes data sets as CSV (header, row id first) and, for every metric x
method pair the CLI accepts, SciPy's linkage of `pdist(data, metric)`:
    data-<set>.csv, linkage-<set>-<metric>-<method>.csv (a,b,height,size)
Sets: `continuous` (Gaussian blobs, no ties), `binary` (0/1 codes, many
ties) and `likert` (answers 1-5, integer distances with many exact ties). SciPy's `linkage` runs Ward, centroid and median on Euclidean
distances only, as the CLI does. Run from anywhere; outputs land beside
this script. SciPy 1.17.1, NumPy 2.4.
"""
import os

import numpy as np
import scipy.cluster.hierarchy as sch
import scipy.spatial.distance as ssd

HERE = os.path.dirname(os.path.abspath(__file__))
METHODS = ["single", "complete", "average", "weighted", "ward", "centroid", "median"]
EUCLIDEAN_ONLY = {"ward", "centroid", "median"}


def write_data(name, x):
    with open(os.path.join(HERE, f"data-{name}.csv"), "w") as f:
        f.write("id," + ",".join(f"f{j}" for j in range(x.shape[1])) + "\n")
        for i, row in enumerate(x):
            f.write(f"r{i:02d}," + ",".join(repr(float(v)) for v in row) + "\n")


def write_linkage(name, metric, method, z):
    with open(os.path.join(HERE, f"linkage-{name}-{metric}-{method}.csv"), "w") as f:
        f.write("a,b,height,size\n")
        for a, b, h, s in z:
            f.write(f"{int(a)},{int(b)},{repr(float(h))},{int(s)}\n")


def main():
    rng = np.random.default_rng(20261121)
    centres = rng.normal(scale=4.0, size=(3, 6))
    continuous = centres[rng.integers(0, 3, size=40)] + rng.normal(size=(40, 6))
    binary = (rng.random((36, 10)) < 0.35).astype(float)
    binary[binary.sum(axis=1) == 0, 0] = 1.0  # no all-zero rows (cosine/correlation)
    likert = rng.integers(1, 6, size=(60, 8)).astype(float)
    sets = {
        "continuous": (continuous, ["sqeuclidean", "euclidean", "cosine", "correlation"]),
        "binary": (binary, ["euclidean", "jaccard", "dice", "hamming"]),
        "likert": (likert, ["euclidean", "sqeuclidean"]),
    }
    for name, (x, metrics) in sets.items():
        write_data(name, x)
        for metric in metrics:
            y = ssd.pdist(x, metric)
            for method in METHODS:
                if method in EUCLIDEAN_ONLY and metric != "euclidean":
                    continue
                write_linkage(name, metric, method, sch.linkage(y, method))


if __name__ == "__main__":
    main()
