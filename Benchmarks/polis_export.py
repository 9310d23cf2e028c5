#!/usr/bin/env python3
"""Writes a synthetic Polis export folder (participants-votes.csv,
comments.csv, summary.csv) of any size, to measure `tendency polis` on
conversations larger than the four real ones in Fixtures/polis (205-449
participants).

Participants fall into --groups opinion groups (written as Polis's
group-id); each group agrees with each statement with its own probability
(uniform in 0.1-0.9). Like real Polis data the vote matrix is sparse: each
participant votes on a log-normal number of statements (median --median-votes,
at least 3), 15% of the votes are passes. Deterministic for a given --seed.

    python3 Benchmarks/polis_export.py --participants 20000 --statements 1000 --out /tmp/p20k
    tendency polis /tmp/p20k --out /tmp/p20k-out --progress
"""
import argparse
import csv
import os

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--statements", type=int, default=400)
    parser.add_argument("--groups", type=int, default=3)
    parser.add_argument("--median-votes", type=float, default=25)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    p, c = args.participants, args.statements
    rng = np.random.default_rng(args.seed)
    group = rng.integers(0, args.groups, p)
    agree = rng.uniform(0.1, 0.9, (args.groups, c))
    votes = np.minimum(c, np.maximum(3, rng.lognormal(np.log(args.median_votes), 0.8, p).astype(int)))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "participants-votes.csv"), "w") as f:
        f.write("participant,group-id,n-comments,n-votes,n-agree,n-disagree," + ",".join(map(str, range(c))) + "\n")
        for i in range(p):
            row = [""] * c
            agreed = disagreed = 0
            for s in rng.choice(c, votes[i], replace=False):
                u = rng.random()
                if u < agree[group[i], s] * 0.85:
                    row[s] = "1"
                    agreed += 1
                elif u < 0.85:
                    row[s] = "-1"
                    disagreed += 1
                else:
                    row[s] = "0"
            f.write(f"{i},{group[i]},0,{votes[i]},{agreed},{disagreed}," + ",".join(row) + "\n")
    with open(os.path.join(args.out, "comments.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"])
        for s in range(c):
            w.writerow([0, "", s, 0, 0, 0, 1, f"Synthetic statement {s}"])
    with open(os.path.join(args.out, "summary.csv"), "w") as f:
        f.write(f"topic,Synthetic conversation\nurl,none\nviews,{p}\nvoters,{p}\nvoters-in-conv,{p}\n"
                f"commenters,1\ncomments,{c}\ngroups,{args.groups}\nconversation-description,synthetic\n")


if __name__ == "__main__":
    main()
