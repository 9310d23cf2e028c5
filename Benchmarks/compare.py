#!/usr/bin/env python3
"""Side-by-side comparison of `tendency cluster` with SciPy and fastcluster.

Runs every tool on the same generated data in one run and prints a ratio
table (anchor time / Tendency time; above 1 means Tendency is faster).
Tendency's phases come from `tendency cluster --timings` (kernel + linkage:
the input is already parsed, as for the anchors, which start from an array
in memory). Linkage results are checked to agree.

Usage: Benchmarks/compare.py [--n 20000] [--d 64] [--methods average,ward]
                             [--repeat 1] [--binary .build/release/tendency]
                             [--memory-limit 1G]

--memory-limit is passed to `tendency cluster`: a limit below what the
distance matrix needs makes Ward, centroid and median run on the feature
vectors with memory linear in n, the like-for-like comparison with
`fastcluster.linkage_vector`.

With --repeat R every tool runs R times and the median time is reported
(for Tendency, the phases of its median run): on a shared VM one cold run
(fresh memory the host has to back) can take three times as long. Every
run's time is listed below the table, the anchors' as well as Tendency's.

Run under GLIBC_TUNABLES=glibc.malloc.hugetlb=2 with a hugetlb pool
reserved (vm.nr_hugepages), every tool's large allocations come from 2 MiB
pages; the header then says so.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy
import scipy.cluster.hierarchy as sch
import scipy.spatial.distance as ssd

try:
    import fastcluster
except ImportError:  # pragma: no cover - reported in the table
    fastcluster = None


MIXTURE_SPREAD = 3.0


def add_data_arguments(parser, n=20000, centre_spread=True):
    """The options that choose the data `make_data` generates, shared with
    the scripts in explore/ so that they measure the same data."""
    parser.add_argument("--n", type=int, default=n)
    parser.add_argument("--d", type=int, default=64)
    parser.add_argument("--seed", type=int, default=7)
    if centre_spread:
        parser.add_argument("--centre-spread", type=float, default=MIXTURE_SPREAD,
                            help="spread of the 8 mixture centres (0: Gaussian noise, no clusters)")


def make_data(n, d, seed, spread=MIXTURE_SPREAD):
    """A Gaussian mixture with 8 centres: realistic, tie-free values
    (spread 0: one centre, Gaussian noise without cluster structure)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=spread, size=(8, d))
    labels = rng.integers(0, 8, size=n)
    return centres[labels] + rng.normal(size=(n, d))


def write_csv(path, x):
    with open(path, "w") as f:
        f.write("id," + ",".join(f"x{j}" for j in range(x.shape[1])) + "\n")
        for i, row in enumerate(x):
            f.write(f"r{i}," + ",".join(repr(float(v)) for v in row) + "\n")


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def lower_middle(ordered):
    """The median of a sorted list, the lower middle one for an even count."""
    return ordered[(len(ordered) - 1) // 2]


def median_timed(repeat, fn, spread=None, label=None):
    """The median time of `repeat` runs (`lower_middle`) and the last run's
    result. With `spread` (a dict), every run's time is recorded under
    `label`."""
    times = []
    value = None
    for _ in range(repeat):
        value = None  # the previous result (1.6 GB for pdist at n = 20,000) is freed first
        t, value = timed(fn)
        times.append(t)
    times.sort()
    if spread is not None:
        spread[label] = times
    return lower_middle(times), value


def huge_page_setting():
    """How this run's memory is backed, when glibc is told to use the
    hugetlb pool (GLIBC_TUNABLES=glibc.malloc.hugetlb=2) for every tool:
    a run so configured must say so beside its table."""
    tunables = os.environ.get("GLIBC_TUNABLES", "")
    if "glibc.malloc.hugetlb" not in tunables:
        return ""
    pool = "unknown"
    try:
        with open("/proc/sys/vm/nr_hugepages") as f:
            pool = f.read().strip()
    except OSError:
        pass
    return f", every tool with GLIBC_TUNABLES={tunables} (hugetlb pool: {pool} pages)"


def run_tendency(binary, csv, method, out, memory_limit=None):
    cmd = [binary, "cluster", csv, "--metric", "euclidean", "--method", method,
           "--linkage-out", out, "--timings", "--quiet"]
    if memory_limit:
        cmd += ["--memory-limit", memory_limit]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"tendency failed: {proc.stderr}")
    phases = json.loads(proc.stderr.strip().splitlines()[-1])
    z = np.loadtxt(out, delimiter=",", skiprows=1)
    return phases, z


def same_linkage(z1, z2, rtol=1e-6):
    """Same merges (as cluster memberships) and heights within rtol."""
    if z1.shape != z2.shape:
        return False
    if not np.allclose(z1[:, 2], z2[:, 2], rtol=rtol, atol=0):
        return False
    c1 = ssd.squareform(sch.cophenet(z1), checks=False)
    c2 = ssd.squareform(sch.cophenet(z2), checks=False)
    return np.allclose(c1, c2, rtol=rtol, atol=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    parser.add_argument("--methods", default="average,ward")
    parser.add_argument("--binary", default=".build/release/tendency")
    parser.add_argument("--markdown", action="store_true",
                        help="no effect: the table is always Markdown (kept so older commands still run)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--memory-limit", default=None)
    args = parser.parse_args()

    x = make_data(args.n, args.d, args.seed, args.centre_spread)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "data.csv")
        write_csv(csv, x)

        # Parsing: NumPy's loadtxt (its C parser) against tendency's reader.
        r = max(1, args.repeat)
        t_np_parse, _ = median_timed(r, lambda: np.loadtxt(csv, delimiter=",", skiprows=1,
                                                           usecols=range(1, args.d + 1)))
        spread = {}
        t_pdist, y = median_timed(r, lambda: ssd.pdist(x, "euclidean"), spread, "pdist")
        for method in args.methods.split(","):
            out = os.path.join(tmp, f"z-{method}.csv")
            # Each run as (kernel + linkage time, phases, linkage), sorted by that
            # time alone (equal times must not compare the dicts).
            runs = []
            for _ in range(r):
                phases, z = run_tendency(args.binary, csv, method, out, args.memory_limit)
                runs.append((phases["kernel"] + phases["linkage"], phases, z))
            runs.sort(key=lambda run: run[0])
            ours, phases, z_ours = lower_middle(runs)
            spread[f"Tendency {method} (kernel + linkage)"] = [total for total, _, _ in runs]
            t_scipy, z_scipy = median_timed(r, lambda: sch.linkage(y, method), spread, f"scipy.linkage {method}")
            scipy_total = t_pdist + t_scipy
            if fastcluster is not None:
                t_fc, z_fc = median_timed(r, lambda: fastcluster.linkage(y, method), spread,
                                          f"fastcluster.linkage {method}")
                fc_total = t_pdist + t_fc
            else:
                fc_total, z_fc = float("nan"), z_scipy
            row = {
                "method": method, "tendency": ours, "kernel": phases["kernel"],
                "linkage": phases["linkage"], "parse": phases["parse"],
                "scipy": scipy_total, "fastcluster": fc_total,
                "vs_scipy": scipy_total / ours, "vs_fastcluster": fc_total / ours,
                "agrees": same_linkage(z_ours, z_scipy),
            }
            # fastcluster's memory-linear path on the points, for the methods that have one
            # (Tendency runs single linkage on the points too, for few columns).
            if method in ("ward", "single") and fastcluster is not None:
                t_vec, z_vec = median_timed(r, lambda: fastcluster.linkage_vector(x, method), spread,
                                            f"fastcluster.linkage_vector {method}")
                row["fastcluster_vector"] = t_vec
                row["vs_fastcluster_vector"] = t_vec / ours
            rows.append(row)
            # Parsing ratio is the same for every method: report it once.
            rows[-1]["np_parse"] = t_np_parse

    limit = f", tendency --memory-limit {args.memory_limit}" if args.memory_limit else ""
    if args.centre_spread != MIXTURE_SPREAD:
        limit += f", centre spread {args.centre_spread:g}"
    limit += huge_page_setting()
    header = (f"n = {args.n}, d = {args.d}, median of {max(1, args.repeat)} run(s){limit}, {platform.machine()}, {os.cpu_count()} cores, "
              f"SciPy {scipy.__version__}, fastcluster {getattr(fastcluster, '__version__', 'absent')}, "
              f"NumPy {np.__version__}, {time.strftime('%Y-%m-%d')}")
    print(header)
    print()
    print("| method | Tendency kernel+linkage (s) | SciPy pdist+linkage (s) | pdist+fastcluster (s) | vs SciPy | vs fastcluster | fastcluster.linkage_vector (s) | vs linkage_vector | same linkage |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        vec = f"{r['fastcluster_vector']:.2f}" if "fastcluster_vector" in r else "-"
        vvec = f"{r['vs_fastcluster_vector']:.1f}x" if "vs_fastcluster_vector" in r else "-"
        print(f"| {r['method']} | {r['tendency']:.2f} ({r['kernel']:.2f} + {r['linkage']:.2f}) | {r['scipy']:.2f} | "
              f"{r['fastcluster']:.2f} | {r['vs_scipy']:.1f}x | {r['vs_fastcluster']:.1f}x | {vec} | {vvec} | "
              f"{'yes' if r['agrees'] else 'NO'} |")
    parse = rows[0]["parse"]
    print()
    print(f"Parsing the {args.n} x {args.d} CSV: Tendency {parse:.2f} s, numpy.loadtxt {rows[0]['np_parse']:.2f} s "
          f"(Tendency takes {parse / rows[0]['np_parse']:.2f}x NumPy's time)")
    if args.repeat > 1:
        # The anchors' times vary as much as Tendency's on a shared VM: show
        # every run, so a ratio can be read against the spread behind it.
        print()
        print("Every run (s, sorted):")
        for label, times in spread.items():
            print(f"- {label}: {', '.join(f'{t:.2f}' for t in times)}")
    if not all(r["agrees"] for r in rows):
        sys.exit("linkage results differ")


if __name__ == "__main__":
    main()
