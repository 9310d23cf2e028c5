"""Reference linkages for TendencyCore's hierarchical clustering.

Writes, beside this script:
  points-<data>.csv                     the observations (header x0, x1, ...)
  distances-<data>-<metric>.csv         SciPy's condensed pdist (header "distance")
  linkage-<data>-<metric>-<method>.csv  scipy.cluster.hierarchy.linkage output
                                        (header a,b,height,size)
Data sets (fixed seeds):
  continuous  48 x 6 standard normal; all distances and all merge heights
              distinct (asserted), so every method's result is unique.
  binary      40 x 10 random 0/1 codes (no constant rows): many exact ties.
Metrics: euclidean, cosine, correlation (both sets), jaccard and hamming
(binary only). Methods: single, complete, average, weighted for every metric;
ward, centroid, median for euclidean only. Floats are written with repr
(shortest round-trip). Run: python3 make_linkage_references.py
"""
import os

import numpy as np
import scipy
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist

HERE = os.path.dirname(os.path.abspath(__file__))
METHODS = ["single", "complete", "average", "weighted", "ward", "centroid", "median"]
EUCLIDEAN_ONLY = {"ward", "centroid", "median"}


def continuous():
    rng = np.random.default_rng(20111109)
    return rng.standard_normal((48, 6))


def binary():
    rng = np.random.default_rng(1109)
    rows = []
    while len(rows) < 40:
        row = rng.integers(0, 2, size=10)
        if 0 < row.sum() < 10:
            rows.append(row)
    return np.array(rows, dtype=float)


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="\n") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def write_linkage(name, z):
    write(name, "a,b,height,size",
          ([str(int(a)), str(int(b)), repr(float(h)), str(int(s))] for a, b, h, s in z))


def main():
    sets = {
        "continuous": (continuous(), ["euclidean", "cosine", "correlation"], True),
        "binary": (binary(), ["euclidean", "cosine", "correlation", "jaccard", "hamming"], False),
    }
    for data, (x, metrics, tie_free) in sets.items():
        write(f"points-{data}.csv", ",".join(f"x{k}" for k in range(x.shape[1])),
              ([repr(float(v)) for v in row] for row in x))
        for metric in metrics:
            y = pdist(x.astype(bool) if metric == "jaccard" else x, metric)
            assert np.all(np.isfinite(y))
            if tie_free:
                assert len(np.unique(y)) == len(y), f"{data}/{metric}: tied distances"
            write(f"distances-{data}-{metric}.csv", "distance", ([repr(float(v))] for v in y))
            for method in METHODS:
                if method in EUCLIDEAN_ONLY and metric != "euclidean":
                    continue
                z = linkage(y, method)
                if tie_free:
                    h = np.sort(z[:, 2])
                    gaps = np.diff(h) / np.maximum(h[1:], 1e-300)
                    assert np.all(gaps > 1e-6), f"{data}/{metric}/{method}: near-tied heights"
                write_linkage(f"linkage-{data}-{metric}-{method}.csv", z)
    print(f"written with numpy {np.__version__}, scipy {scipy.__version__}")


if __name__ == "__main__":
    main()
