"""Reference linkages on feature vectors with cluster structure, for the
points path's pruned scans (`BoundingBlocks`, used from 256 points on).

Writes, beside this script:
  points-blobs.csv                         600 x 8 observations (header x0, x1, ...)
  linkage-blobs-euclidean-<method>.csv     scipy.cluster.hierarchy.linkage of
                                           pdist(x), header a,b,height,size
Data (fixed seed): six Gaussian blobs, centres drawn with scale 4, unit
spread; all distances distinct (asserted). Methods: single, ward, centroid,
median. Floats are written with repr. Run: python3 make_points_references.py
"""
import os

import numpy as np
import scipy
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist

HERE = os.path.dirname(os.path.abspath(__file__))


def blobs():
    rng = np.random.default_rng(19890601)
    centres = rng.normal(scale=4.0, size=(6, 8))
    return centres[rng.integers(0, 6, size=600)] + rng.standard_normal((600, 8))


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="\n") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def main():
    x = blobs()
    write("points-blobs.csv", ",".join(f"x{k}" for k in range(x.shape[1])),
          ([repr(float(v)) for v in row] for row in x))
    y = pdist(x)
    assert len(np.unique(y)) == len(y), "tied distances"
    for method in ["single", "ward", "centroid", "median"]:
        z = linkage(y, method)
        write(f"linkage-blobs-euclidean-{method}.csv", "a,b,height,size",
              ([str(int(a)), str(int(b)), repr(float(h)), str(int(s))] for a, b, h, s in z))
    print(f"written with numpy {np.__version__}, scipy {scipy.__version__}")


if __name__ == "__main__":
    main()
