#!/usr/bin/env python3
"""Reference outputs for TendencyCore's statistics building blocks.

Every number the Swift tests compare against is produced here by an
independent implementation (SciPy, scikit-learn, NumPy, the `krippendorff`
package). Run from anywhere:

    pip install scikit-learn krippendorff
    python3 Fixtures/reference/stats/make_stats_references.py

Writes one small JSON file per subject next to this script. Seeded, so the
output is the same on every run.
"""
import json
from importlib import metadata
import math
import os

import numpy as np
import scipy
import scipy.stats as st
import scipy.special as sp
from scipy.spatial.distance import pdist
import sklearn
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_samples, silhouette_score
import krippendorff

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261121)


def write(name, payload):
    payload = {"generator": f"make_stats_references.py (numpy {np.__version__}, scipy {scipy.__version__}, "
                            f"scikit-learn {sklearn.__version__}, krippendorff {metadata.version('krippendorff')})",
               **payload}
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(payload, f, indent=1, allow_nan=False)
        f.write("\n")


def blobs(centers, per, spread):
    pts, labels = [], []
    for c, centre in enumerate(centers):
        pts.append(np.asarray(centre) + spread * rng.standard_normal((per, len(centre))))
        labels += [c] * per
    return np.vstack(pts), np.array(labels)


# --- Silhouette (metric='precomputed') -------------------------------------
cases = []
X, y = blobs([[0, 0], [4, 0], [0, 4]], 10, 1.0)
y2 = y.copy(); y2[0] = 7  # a singleton cluster, arbitrary label values
y3 = rng.integers(0, 4, len(y)) * 3 - 2  # a poor random labelling, negative labels
for labels in (y, y2, y3):
    D = pdist(X)
    square = np.zeros((len(X), len(X)))
    iu = np.triu_indices(len(X), 1); square[iu] = D; square += square.T
    cases.append({"count": len(X), "distances": D.tolist(), "labels": labels.tolist(),
                  "samples": silhouette_samples(square, labels, metric="precomputed").tolist(),
                  "score": float(silhouette_score(square, labels, metric="precomputed"))})
write("silhouette.json", {"cases": cases})

# --- Adjusted Rand index ----------------------------------------------------
pairs = [([0, 0, 1, 1], [0, 0, 1, 1]), ([0, 0, 1, 1], [1, 1, 0, 0]), ([0, 0, 1, 2], [0, 0, 1, 1]),
         ([0, 0, 0, 0], [0, 1, 2, 3]), ([0, 0, 1, 1], [0, 1, 0, 1]), ([0, 1, 2, 3], [0, 1, 2, 3]),
         ([0, 0, 0], [0, 0, 0]), ([5], [9]), ([3, 3, -1, 8, 8, 8], [0, 1, 1, 2, 2, 0])]
for n in (50, 200):
    a = rng.integers(0, 4, n); b = np.where(rng.random(n) < 0.7, a, rng.integers(0, 5, n))
    pairs.append((a.tolist(), b.tolist()))
write("adjusted_rand.json", {"cases": [{"a": a, "b": b, "ari": float(adjusted_rand_score(a, b))} for a, b in pairs]})

# --- Within-cluster dispersion W_k (Tibshirani, Walther & Hastie 2001) -----
Xg, yg = blobs([[0, 0, 0], [6, 0, 1], [0, 6, -1]], 12, 0.8)
wk_cases = []
for labels in (np.zeros(len(Xg), int), yg, rng.integers(0, 5, len(Xg))):
    w = 0.0
    for r in np.unique(labels):
        P = Xg[labels == r]
        w += pdist(P, "sqeuclidean").sum() * 2 / (2 * len(P))  # D_r counts each pair twice
    wk_cases.append({"labels": labels.tolist(), "W": w})
write("gap_dispersion.json", {"rows": len(Xg), "columns": Xg.shape[1], "data": Xg.ravel().tolist(),
                              "cases": wk_cases})

# --- PCA (sklearn, svd_solver='full': signs by svd_flip on the components) -
pca_cases = []
for rows, cols, m in ((40, 5, 3), (8, 20, 4), (12, 12, 5)):
    A = rng.standard_normal((rows, cols)) @ rng.standard_normal((cols, cols)) + rng.standard_normal(cols) * 3
    p = PCA(n_components=m, svd_solver="full").fit(A)
    pca_cases.append({"rows": rows, "columns": cols, "components": m, "data": A.ravel().tolist(),
                      "explained_variance": p.explained_variance_.tolist(),
                      "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
                      "loadings": p.components_.ravel().tolist(),
                      "scores": p.transform(A).ravel().tolist()})
write("pca.json", {"cases": pca_cases})

# --- Fisher's exact test, 2x2, two-sided ------------------------------------
tables = [[[8, 2], [1, 5]], [[3, 1], [1, 3]], [[0, 5], [5, 0]], [[10, 0], [0, 10]],
          [[0, 0], [3, 4]], [[5, 0], [3, 4]], [[120, 85], [97, 143]], [[310, 290], [295, 305]],
          [[250, 3], [240, 17]], [[1, 1], [1, 1]], [[20, 20], [20, 20]], [[7, 12], [0, 9]]]
fisher = []
for t in tables:
    r = st.fisher_exact(t, alternative="two-sided")
    odds = float(r.statistic)
    fisher.append({"table": t, "odds_ratio": None if math.isnan(odds) else ("inf" if math.isinf(odds) else odds),
                   "p": float(r.pvalue)})
write("fisher_exact.json", {"cases": fisher})

# --- Regularized upper incomplete gamma Q(a, x) ----------------------------
gamma_cases = []
for a in (0.5, 1.0, 1.5, 2.0, 4.5, 10.0, 37.5, 150.0):
    for x in (1e-3, 0.1, 0.9, a * 0.8, a, a + 1, 3 * a + 2, 10 * a + 20):
        gamma_cases.append({"a": a, "x": float(x), "q": float(sp.gammaincc(a, x)), "p": float(sp.gammainc(a, x))})
write("incomplete_gamma.json", {"cases": gamma_cases})

# --- Chi-square test of independence (no Yates correction) + Cramér's V ----
chi = []
for t in ([[10, 20], [30, 25]], [[12, 5, 9], [3, 14, 8], [7, 7, 20]], [[200, 150, 50, 1], [180, 170, 40, 9]],
          [[5, 5], [5, 5]], [[1, 0, 4], [3, 2, 0], [0, 6, 1], [2, 2, 2]], [[400, 10], [10, 400]]):
    r = st.chi2_contingency(t, correction=False)
    chi.append({"table": t, "statistic": float(r.statistic), "p": float(r.pvalue), "dof": int(r.dof),
                "cramers_v": float(st.contingency.association(np.array(t), method="cramer"))})
write("chi_square.json", {"cases": chi})

# --- Mann-Whitney U (asymptotic, continuity- and tie-corrected) ------------
mwu = []
samples = [(rng.normal(0, 1, 15), rng.normal(0.8, 1, 12)),
           (rng.integers(1, 6, 30).astype(float), rng.integers(2, 6, 25).astype(float)),
           (np.array([1.0, 2, 2, 3]), np.array([2.0, 2, 4, 5, 5])),
           (np.array([3.0, 3, 3]), np.array([3.0, 3])),
           (rng.normal(0, 1, 200), rng.normal(0.1, 1, 180))]
for x, y in samples:
    r = st.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
    mwu.append({"x": x.tolist(), "y": y.tolist(), "u": float(r.statistic), "p": float(r.pvalue),
                "rank_biserial": float(2 * r.statistic / (len(x) * len(y)) - 1)})
write("mann_whitney.json", {"cases": mwu})

# --- Kruskal-Wallis H --------------------------------------------------------
kw = []
for groups in ([rng.normal(0, 1, 10), rng.normal(0.5, 1, 12), rng.normal(1, 1, 9)],
               [rng.integers(1, 6, 20).astype(float), rng.integers(1, 6, 15).astype(float),
                rng.integers(2, 7, 18).astype(float), rng.integers(1, 4, 7).astype(float)],
               [np.array([1.0, 1, 2]), np.array([2.0, 3, 3, 3])]):
    r = st.kruskal(*groups)
    kw.append({"groups": [g.tolist() for g in groups], "h": float(r.statistic), "p": float(r.pvalue)})
write("kruskal_wallis.json", {"cases": kw})

# --- Benjamini-Hochberg --------------------------------------------------------
bh = []
for ps in ([0.01, 0.04, 0.03, 0.005, 0.5, 0.2], rng.random(25).tolist(), (rng.random(40) ** 4).tolist(),
           [0.05], [1.0, 1.0, 0.0, 0.02, 0.02]):
    bh.append({"p": list(ps), "adjusted": st.false_discovery_control(ps, method="bh").tolist()})
write("benjamini_hochberg.json", {"cases": bh})

# --- Krippendorff's alpha, nominal -------------------------------------------
n = np.nan
paper = [[1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
         [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n]]
binary = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
random_case = rng.integers(0, 4, (5, 30)).astype(float)  # 5 coders x 30 units
random_case[rng.random(random_case.shape) < 0.25] = n
truth = rng.integers(0, 3, 40)
agreeing = np.vstack([np.where(rng.random(40) < 0.8, truth, rng.integers(0, 3, 40)) for _ in range(3)]).astype(float)
agreeing[rng.random(agreeing.shape) < 0.15] = n
kr = []
for name, data in (("Krippendorff 2011, nominal example with missing values (4 coders x 12 units)", paper),
                   ("Krippendorff 2011, binary example (2 coders x 10 units)", binary),
                   ("random codes, 5 coders x 30 units, 25% missing", random_case),
                   ("three coders mostly agreeing, 40 units, 15% missing", agreeing)):
    d = np.asarray(data, dtype=float)
    units = [[None if math.isnan(v) else int(v) for v in d[:, u]] for u in range(d.shape[1])]
    kr.append({"name": name, "units": units,
               "alpha": float(krippendorff.alpha(reliability_data=d, level_of_measurement="nominal"))})
write("krippendorff_alpha.json", {"cases": kr})

# --- Permutation test of independence, units with several categories --------
# Pearson's X² of the table of mentions (a unit counts once in each of its
# categories), its p-value from SciPy's permutation_test shuffling the units'
# groups, 200,000 resamples. A separate generator, so the cases above keep
# their numbers.
perm_rng = np.random.default_rng(20261123)


def mention_statistic(groups, membership, n_groups, axis=-1):
    """X² of the groups x categories table of mentions, for each row of groups."""
    single = np.ndim(groups) == 1
    groups = np.atleast_2d(groups)
    onehot = (groups[..., None] == np.arange(n_groups)).astype(float)      # batch x units x groups
    table = np.einsum("bug,uc->bgc", onehot, membership)
    expected = table.sum(axis=2, keepdims=True) * table.sum(axis=1, keepdims=True) / table.sum(axis=(1, 2), keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = np.where(expected > 0, (table - expected) ** 2 / expected, 0.0)
    statistic = terms.sum(axis=(1, 2))
    return statistic[0] if single else statistic


def multi_response(units, n_categories, n_groups, lean, most):
    groups = perm_rng.integers(0, n_groups, units)
    membership = np.zeros((units, n_categories))
    for u in range(units):
        weights = np.ones(n_categories)
        weights[groups[u] % n_categories] += lean   # the group's favoured category
        picks = perm_rng.choice(n_categories, size=perm_rng.integers(1, most + 1), replace=False,
                                p=weights / weights.sum())
        membership[u, picks] = 1
    return groups, membership


perm = []
for name, (groups, membership, n_groups) in (
        ("60 units, 5 categories, 3 groups, 1-3 categories each, a lean", (*multi_response(60, 5, 3, 3.0, 3), 3)),
        ("40 units, 4 categories, 2 groups, 1-4 categories each, no lean", (*multi_response(40, 4, 2, 0.0, 4), 2)),
        ("300 units, 4 categories, 3 groups, one category each, a slight lean", (*multi_response(300, 4, 3, 0.5, 1), 3)),
        ("12 units, 3 categories, 3 groups, 1-2 categories each, a strong lean", (*multi_response(12, 3, 3, 6.0, 2), 3))):
    r = st.permutation_test((groups,), lambda g, axis=-1: mention_statistic(g, membership, n_groups),
                            permutation_type="pairings", n_resamples=200_000, vectorized=True,
                            alternative="greater", random_state=perm_rng, batch=2_000)
    case = {"name": name, "groups": groups.tolist(), "categories": [np.flatnonzero(row).tolist() for row in membership],
            "n_categories": membership.shape[1], "n_groups": n_groups,
            "statistic": float(r.statistic), "p": float(r.pvalue), "resamples": 200_000}
    if membership.sum(axis=1).max() == 1:
        table = np.array([[membership[groups == g, c].sum() for g in range(n_groups)] for c in range(membership.shape[1])])
        case["chi_square_p"] = float(st.chi2_contingency(table, correction=False).pvalue)
    perm.append(case)
write("permutation_independence.json", {"cases": perm})
