#!/usr/bin/env python3
"""Would storing the working distances in single precision keep average
linkage within compare.py's tolerance, if they were computed in double?

Why: both phases of `tendency cluster --method average` pay for the n x n
working matrix of doubles (3.2 GB at n = 20,000): the kernel for its first
touch, the linkage for streaming through it. `--float32` halves it but
computes the distances in single precision too, and its heights then differ
by up to 5e-5 relative. This measures the other half of the idea: distances
computed in double, rounded once to single precision for storage, and every
Lance-Williams update (the size-weighted mean, Muellner 2011,
arXiv:1109.2378, Figure 2) computed in double from the stored values and
rounded again on storing.

It runs the primitive algorithm (merge the closest pair, update its row and
column, rescan only the rows whose cached nearest neighbour was one of the
pair) on compare.py's data, once with double storage (which must reproduce
fastcluster: the check that the simulation is right) and once or twice with
single storage, and compares each with fastcluster's linkage as compare.py
does: merge heights within 1e-6 relative and the same cophenetic distances.

    python3 Benchmarks/explore/float_storage.py --n 20000 --centre-spread 0
"""
import argparse
import os
import sys
import time

import numpy as np
import scipy.spatial.distance as ssd

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import compare  # noqa: E402

import fastcluster  # noqa: E402


def average_linkage(condensed, storage, arithmetic):
    """SciPy-style linkage matrix of UPGMA on `condensed` distances, the
    working values kept in `storage` and each update computed in `arithmetic`."""
    m = ssd.squareform(condensed.astype(storage), checks=False)
    n = len(m)
    np.fill_diagonal(m, np.inf)
    size = np.ones(n)
    label = np.arange(n)
    nearest = m.argmin(1)
    nearest_value = m[np.arange(n), nearest].astype(np.float64)
    z = np.empty((n - 1, 4))
    for step in range(n - 1):
        i = int(np.argmin(nearest_value))
        j = int(nearest[i])
        a, b = sorted((int(label[i]), int(label[j])))
        z[step] = a, b, nearest_value[i], size[i] + size[j]
        si, sj = size[i], size[j]
        wi, wj = arithmetic(si), arithmetic(sj)
        row = ((wi * m[i].astype(arithmetic) + wj * m[j].astype(arithmetic)) / (wi + wj)).astype(storage)
        row[i] = row[j] = np.inf
        m[i] = row
        m[:, i] = row
        m[j] = np.inf
        m[:, j] = np.inf
        size[i], size[j] = si + sj, 0
        label[i] = n + step
        stale = np.flatnonzero((nearest == i) | (nearest == j))
        closer = row < nearest_value
        nearest[closer] = i
        nearest_value[closer] = row[closer]
        nearest_value[j] = np.inf
        for k in list(stale) + [i]:
            if k != j:
                nearest[k] = m[k].argmin()
                nearest_value[k] = m[k, nearest[k]]
    return z


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    compare.add_data_arguments(parser)
    args = parser.parse_args()

    x = compare.make_data(args.n, args.d, args.seed, args.centre_spread)
    condensed = ssd.pdist(x)
    reference = fastcluster.linkage(condensed, "average")
    print(f"n = {args.n}, d = {args.d}, centre spread {args.centre_spread:g}: against fastcluster (double)")
    variants = [("double storage, double updates", np.float64, np.float64),
                ("single storage, double updates", np.float32, np.float64),
                ("single storage, single updates", np.float32, np.float32)]
    for name, storage, arithmetic in variants:
        start = time.perf_counter()
        z = average_linkage(condensed, storage, arithmetic)
        relative = np.abs(z[:, 2] - reference[:, 2]) / reference[:, 2]
        worst = int(relative.argmax())
        print(f"  {name}: max relative height difference {relative.max():.2e} "
              f"(step {worst}, a merge of size {int(z[worst, 3])}), "
              f"{int((relative > 1e-6).sum())} steps beyond 1e-6, "
              f"same linkage: {'yes' if compare.same_linkage(z, reference) else 'NO'} "
              f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
