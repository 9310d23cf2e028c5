#!/usr/bin/env python3
"""Reference outputs of scipy.cluster.hierarchy for Tendency's dendrogram tests.

Run from this directory:  python3 make_dendrogram_references.py
(numpy + scipy; the outputs below were made with scipy 1.17).

For every data set NAME it writes
  NAME_distances.csv      condensed distances (column `d`), the input of linkage
  NAME_linkage.csv        SciPy linkage matrix (a,b,height,size): the tests' input
  NAME_fcluster.csv       fcluster labels: criterion,threshold,depth,labels
                          (labels: space-separated, one per leaf)
  NAME_inconsistent.csv   inconsistent(Z, d) rows: depth,mean,std,count,coefficient
  NAME_cophenet.csv       cophenet(Z) condensed (column `d`)
  NAME_scalars.csv        name,value: cophenetic correlation cophenet(Z, y)[0]
  NAME_leaves.csv         dendrogram(Z, no_plot=True)['leaves'] (column `leaf`)
  NAME_olo_linkage.csv    optimal_leaf_ordering(Z, y)
  NAME_olo_leaves.csv     dendrogram leaves of that linkage
Floats are written with repr (shortest round trip), so they parse back exactly.
"""
import csv
import os

import numpy as np
import scipy
from scipy.cluster import hierarchy as h
from scipy.spatial.distance import pdist

HERE = os.path.dirname(os.path.abspath(__file__))


def blobs(rng, n, dim, centres, spread):
    centres = rng.normal(0.0, 1.0, size=(centres, dim)) * 4.0
    which = rng.integers(0, len(centres), size=n)
    return centres[which] + rng.normal(0.0, spread, size=(n, dim))


def datasets():
    rng = np.random.default_rng(20261121)
    out = []
    out.append(("gauss30_average", pdist(blobs(rng, 30, 4, 3, 1.0)), "average"))
    out.append(("uniform45_ward", pdist(rng.uniform(size=(45, 5))), "ward"))
    out.append(("blobs60_complete", pdist(blobs(rng, 60, 3, 5, 0.7)), "complete"))
    out.append(("gauss20_single", pdist(rng.normal(size=(20, 2))), "single"))
    # Median linkage is non-monotone here (a merge lower than an earlier one).
    out.append(("uniform25_median", pdist(rng.uniform(size=(25, 2))), "median"))
    out.append(("gauss35_weighted", pdist(blobs(rng, 35, 6, 4, 1.5)), "weighted"))
    # Tied data: binary rows, Hamming distances (multiples of 1/8), many exact ties.
    binary = rng.integers(0, 2, size=(40, 8)).astype(float)
    out.append(("binary40_average", pdist(binary, "hamming"), "average"))
    out.append(("binary24_complete", pdist(binary[:24], "cityblock"), "complete"))
    return out


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def fmt(x):
    return repr(float(x))


def linkage_rows(Z):
    return [[int(a), int(b), fmt(d), int(s)] for a, b, d, s in Z]


def main():
    for name, y, method in datasets():
        Z = h.linkage(y, method=method)
        if method == "median":
            assert not h.is_monotonic(Z), "the median data set should be non-monotone"
        n = Z.shape[0] + 1
        write(f"{name}_distances.csv", ["d"], [[fmt(v)] for v in y])
        write(f"{name}_linkage.csv", ["a", "b", "height", "size"], linkage_rows(Z))

        rows = []
        for k in list(range(1, 7)) + [n - 2, n - 1, n, n + 1]:
            T = h.fcluster(Z, k, criterion="maxclust")
            rows.append(["maxclust", k, "", " ".join(str(int(t)) for t in T)])
        heights = np.sort(Z[:, 2])
        ts = [0.0, heights[n // 3], heights[n // 2],
              0.5 * (heights[-3] + heights[-2]), heights[-1], heights[-1] * 1.01]
        for t in ts:
            T = h.fcluster(Z, t, criterion="distance")
            rows.append(["distance", fmt(t), "", " ".join(str(int(v)) for v in T)])
        for depth in (2, 3):
            R = h.inconsistent(Z, depth)
            coeffs = np.sort(R[:, 3])
            for t in [0.5, 0.8, 1.0, 1.15, 1.5, coeffs[len(coeffs) // 2]]:
                T = h.fcluster(Z, t, criterion="inconsistent", depth=depth)
                rows.append(["inconsistent", fmt(t), depth, " ".join(str(int(v)) for v in T)])
        write(f"{name}_fcluster.csv", ["criterion", "threshold", "depth", "labels"], rows)

        rows = []
        for depth in (1, 2, 3, 4):
            for mean, std, count, coef in h.inconsistent(Z, depth):
                rows.append([depth, fmt(mean), fmt(std), int(count), fmt(coef)])
        write(f"{name}_inconsistent.csv", ["depth", "mean", "std", "count", "coefficient"], rows)

        c, coph = h.cophenet(Z, y)
        write(f"{name}_cophenet.csv", ["d"], [[fmt(v)] for v in coph])
        write(f"{name}_scalars.csv", ["name", "value"], [["cophenetic_correlation", fmt(c)]])

        leaves = h.dendrogram(Z, no_plot=True)["leaves"]
        assert list(leaves) == list(h.leaves_list(Z))
        write(f"{name}_leaves.csv", ["leaf"], [[int(v)] for v in leaves])

        Zo = h.optimal_leaf_ordering(Z, y)
        write(f"{name}_olo_linkage.csv", ["a", "b", "height", "size"], linkage_rows(Zo))
        leaves_o = h.dendrogram(Zo, no_plot=True)["leaves"]
        write(f"{name}_olo_leaves.csv", ["leaf"], [[int(v)] for v in leaves_o])
    print("scipy", scipy.__version__, "numpy", np.__version__)


if __name__ == "__main__":
    main()
