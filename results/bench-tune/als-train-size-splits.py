#!/usr/bin/env python3
"""Per-user random re-splits (argument: the shared data folder, default ../shared/data) used to find why als's validation gains did not reach test (results/bench-tune/als-train-size.tsv).

Written to the current folder as <name>-train.tsv / <name>-test.tsv, then imported with
  scripts/animerec split --strategy given --train <name>-train.tsv --test <name>-test.tsv --out <dir>
and scored with `scripts/animerec train --model als --split <dir> [--param ...] --k 10`.
They were used only to diagnose; no study or default was chosen on them.
  valA, valB : 80/20 per user of ml-100k-split/train.tsv (seeds 7, 8): the shape of tune's carve-out (60% / 15% of all ratings)
  fullA, fullB: 75/25 per user of ml-100k/u.data (seeds 7, 8): the shape of the fixed test split
  fullC       : 60/40 per user of u.data (seed 9): train as small as the carve-out's, a large held-out share
  fullD       : 75% train, 15% held out, 10% dropped per user of u.data (seed 9): train as large as the final one,
                held-out share and hidden positives as in the carve-out
"""
import collections
import random
import sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"


def read(path):
    rows = []
    for i, line in enumerate(open(path)):
        p = line.rstrip("\n").split("\t")
        if i == 0 and not p[0].isdigit():
            continue
        rows.append(p[:4])
    return rows


def write(name, train, test):
    for suffix, rows in (("-train.tsv", train), ("-test.tsv", test)):
        with open(name + suffix, "w") as out:
            out.write("user_id\titem_id\trating\ttimestamp\n")
            for r in rows:
                out.write("\t".join(r) + "\n")
    print(name, len(train), len(test))


def by_user(rows):
    users = collections.defaultdict(list)
    for r in rows:
        users[r[0]].append(r)
    return users


def holdout(rows, ratio, seed, name):
    rng = random.Random(seed)
    train, test = [], []
    users = by_user(rows)
    for u in sorted(users, key=int):
        items = users[u][:]
        rng.shuffle(items)
        n = min(round(len(items) * ratio), len(items) - 1)
        test += items[:n]
        train += items[n:]
    write(name, train, test)


def main():
    train = read(SHARED + "/ml-100k-split/train.tsv")
    full = read(SHARED + "/ml-100k/u.data")
    holdout(train, 0.2, 7, "valA")
    holdout(train, 0.2, 8, "valB")
    holdout(full, 0.25, 7, "fullA")
    holdout(full, 0.25, 8, "fullB")
    rng = random.Random(9)
    c, d = ([], []), ([], [])
    users = by_user(full)
    for u in sorted(users, key=int):
        items = users[u][:]
        rng.shuffle(items)
        n = len(items)
        k40 = min(round(n * 0.4), n - 1)
        c[1].extend(items[:k40])
        c[0].extend(items[k40:])
        k25, k15 = min(round(n * 0.25), n - 1), round(n * 0.15)
        d[1].extend(items[:k15])
        d[0].extend(items[k25:])
    write("fullC", *c)
    write("fullD", *d)


if __name__ == "__main__":
    main()
