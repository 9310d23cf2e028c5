#!/usr/bin/env python3
"""Accuracy sweep: pairs much closer together than to the data's centre.

Two tight groups of 300 points at -1000 and +1000 on every one of 64
coordinates, each point spread by `scale` (times a factor 0.5-3), for scales
from 0.05 to 8: the ratio d(x, y)^2 / (|x|^2 + |y|^2) sweeps across the
Euclidean kernel's recomputation cut. For each scale, `tendency cluster
--method average` against SciPy's linkage(pdist(x), 'average'): whether the
merges are the same, and the largest relative difference in merge heights.

Usage: python3 Fixtures/reference/kernels/close_pairs_sweep.py [BINARY]
(default .build/release/tendency). Needs numpy and scipy; writes only to a
temporary folder.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/tendency"
worst = 0.0
with tempfile.TemporaryDirectory() as folder:
    data, out = os.path.join(folder, "x.csv"), os.path.join(folder, "z.csv")
    for scale in [0.05, 0.1, 0.2, 0.4, 0.7, 1, 1.5, 2, 3, 5, 8]:
        rng = np.random.default_rng(int(scale * 100))
        n, d = 300, 64
        centres = rng.choice([-1000.0, 1000.0], size=(n, 1)) * np.ones((1, d))
        x = centres + rng.normal(0, scale, (n, d)) * rng.uniform(0.5, 3, (n, 1))
        with open(data, "w") as f:
            f.write("id," + ",".join(f"f{j}" for j in range(d)) + "\n")
            for i in range(n):
                f.write(f"r{i}," + ",".join(repr(float(v)) for v in x[i]) + "\n")
        if os.path.exists(out):
            os.remove(out)
        subprocess.run([binary, "cluster", data, "--method", "average", "--linkage-out", out, "--quiet"],
                       check=True)
        scipy = linkage(pdist(x), "average")
        ours = np.genfromtxt(out, delimiter=",", skip_header=1)
        same = bool((scipy[:, :2] == ours[:, :2]).all())
        relative = float((np.abs(scipy[:, 2] - ours[:, 2]) / scipy[:, 2]).max())
        worst = max(worst, relative)
        print(f"scale {scale:<5} same merges {same}  largest relative height difference {relative:.2e}")
print(f"worst {worst:.2e}")
