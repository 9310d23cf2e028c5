#!/usr/bin/env python3
"""Points in the plane shaped like a Polis opinion map: three arms out of
a central blob, for timing Ward's linkage on two coordinates (what
`tendency polis` links at every resample).

Usage: python3 Benchmarks/plane_points.py --n 100000 --out /tmp/arms100k.csv
       .build/release/tendency cluster /tmp/arms100k.csv --method ward \\
           --memory-limit 100M --timings
(--memory-limit below the n x n matrix keeps Ward on the points.)
"""
import argparse

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    arm = rng.integers(0, 4, args.n)  # 0-2: an arm, 3: the blob
    reach = rng.gamma(2.0, 1.0, args.n)
    angle = np.array([0.3, 2.4, 4.3, 0.0])[arm]
    x = np.where(arm < 3, reach * np.cos(angle), 0) + rng.normal(0, 0.35, args.n)
    y = np.where(arm < 3, reach * np.sin(angle), 0) + rng.normal(0, 0.35, args.n)
    with open(args.out, "w") as f:
        f.write("id,x,y\n")
        for i in range(args.n):
            f.write(f"p{i},{x[i]:.6f},{y[i]:.6f}\n")


if __name__ == "__main__":
    main()
