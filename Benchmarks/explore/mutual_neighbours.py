#!/usr/bin/env python3
"""How many points are in mutual nearest-neighbour pairs, on compare.py's data.

Why: for a reducible linkage (average, complete, weighted, Ward) a pair of
mutual nearest neighbours can be merged at any time (the basis of the
nearest-neighbour chain, Muellner 2011, arXiv:1109.2378, section 3). Merging
all such pairs of points before building the n x n working matrix would leave
n - pairs clusters, and the matrix would shrink by the square of that
fraction. This measures the fraction before anything is built.

    python3 Benchmarks/explore/mutual_neighbours.py --n 20000 --d 64
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import compare  # noqa: E402


def nearest_neighbours(x, block=2000):
    """Index of each row's nearest other row (squared Euclidean, in row blocks)."""
    n = len(x)
    norms = (x * x).sum(1)
    nearest = np.empty(n, dtype=np.int64)
    for start in range(0, n, block):
        stop = min(n, start + block)
        d = norms[start:stop, None] + norms[None, :] - 2 * x[start:stop] @ x.T
        d[np.arange(stop - start), np.arange(start, stop)] = np.inf
        nearest[start:stop] = d.argmin(1)
    return nearest


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    compare.add_data_arguments(parser, centre_spread=False)
    args = parser.parse_args()
    for spread, name in ((compare.MIXTURE_SPREAD, "mixture"), (0.0, "noise")):
        x = compare.make_data(args.n, args.d, args.seed, spread)
        nearest = nearest_neighbours(x)
        mutual = nearest[nearest] == np.arange(args.n)
        clusters = args.n - int(mutual.sum()) // 2
        print(f"{name}: {mutual.mean():.1%} of points in mutual pairs; "
              f"{clusters} clusters left, matrix {(clusters / args.n) ** 2:.1%} of n x n")


if __name__ == "__main__":
    main()
