#!/usr/bin/env python3
"""Would Prim's algorithm (single linkage on points) gain from skipping blocks?

A step adds one point to the tree and lowers every outside point's distance
to the tree. A block of outside points can be skipped when a lower bound on
its distance to the new point (distance to the block's ball; Omohundro 1989)
is at least the largest tentative distance in the block. This simulates the
steps with the blocks Tendency's Ward path uses (leaves of a median split on
the widest coordinate, at most 64 points) and counts the distances that would
still be computed.

    python3 Benchmarks/explore/prim_blocks.py --n 3000 --d 64
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import compare  # noqa: E402


def leaf_blocks(x, rows, size=64):
    if len(rows) <= size:
        return [rows]
    points = x[rows]
    widest = np.argmax(points.max(0) - points.min(0))
    ordered = rows[np.argsort(points[:, widest], kind="stable")]
    half = len(ordered) // 2
    return leaf_blocks(x, ordered[:half], size) + leaf_blocks(x, ordered[half:], size)


def computed_fraction(x):
    n = len(x)
    blocks = leaf_blocks(x, np.arange(n))
    centres = np.array([x[b].mean(0) for b in blocks])
    radii = np.array([np.sqrt(((x[b] - c) ** 2).sum(1)).max() for b, c in zip(blocks, centres)])
    nearest = np.full(n, np.inf)
    inside = np.zeros(n, dtype=bool)
    added, computed, outside_total = 0, 0, 0
    inside[added] = True
    for _ in range(n - 1):
        for block, centre, radius in zip(blocks, centres, radii):
            outside = block[~inside[block]]
            if len(outside) == 0:
                continue
            outside_total += len(outside)
            bound = max(0.0, np.sqrt(((x[added] - centre) ** 2).sum()) - radius) ** 2
            if bound >= nearest[outside].max():
                continue
            computed += len(outside)
            distances = ((x[outside] - x[added]) ** 2).sum(1)
            nearest[outside] = np.minimum(nearest[outside], distances)
        candidates = np.flatnonzero(~inside)
        added = candidates[np.argmin(nearest[candidates])]
        inside[added] = True
    return computed / outside_total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    compare.add_data_arguments(parser, n=3000)
    args = parser.parse_args()
    x = compare.make_data(args.n, args.d, args.seed, args.centre_spread)
    print(f"n = {args.n}, d = {args.d}: {computed_fraction(x):.1%} of the distances still computed")


if __name__ == "__main__":
    main()
