#!/usr/bin/env python3
"""Compares two derive binaries on the book's cold 1-thread check, alternating them round by
round, because this machine's speed drifts by a quarter within an hour: figures from separate
runs at separate times do not compare. Prints, per binary, the minimum and the median over the
rounds of the thread total, the median link, the links at or under 0.5 ms and the slowest link
(all from audit.json), and whether the two audits agree outside timings.

usage: bench-ab.py BASELINE CANDIDATE [--rounds N] [--chapters DIR]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile

FIELDS = ["verdict", "method", "points", "residual", "bound", "reason", "counterexample", "relation"]


def run(binary, chapters, folder):
    subprocess.run([binary, "build", chapters, "-o", folder, "--no-cache", "--jobs", "1"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(folder, "audit.json")) as f:
        return json.load(f)["links"]


def figures(links):
    times = sorted(link["seconds"] * 1000 for link in links)
    return sum(times) / 1000, statistics.median(times), sum(1 for t in times if t <= 0.5), times[-1]


def key(link):
    return (link["file"], link["line"], link["column"], link["step"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline")
    parser.add_argument("candidate")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--chapters", default="chapters")
    arguments = parser.parse_args()
    binaries = [arguments.baseline, arguments.candidate]
    results = {b: [] for b in binaries}
    audits = {}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(arguments.rounds):
            for binary in binaries:
                links = run(binary, arguments.chapters, os.path.join(folder, "out"))
                results[binary].append(figures(links))
                audits[binary] = {key(link): {f: link.get(f) for f in FIELDS} for link in links}
    for binary in binaries:
        rows = results[binary]
        column = lambda i: [row[i] for row in rows]
        print(f"{binary}: thread min {min(column(0)):.3f} s median {statistics.median(column(0)):.3f} s | "
              f"median link min {min(column(1)):.3f} ms median {statistics.median(column(1)):.3f} ms | "
              f"links <= 0.5 ms max {max(column(2))} | slowest min {min(column(3)):.1f} ms")
    a, b = (audits[binary] for binary in binaries)
    differing = [k for k in a.keys() | b.keys() if a.get(k) != b.get(k)]
    print(f"audits: {len(differing)} of {len(a)} links differ outside timings")
    for k in sorted(differing)[:10]:
        print(f"  {os.path.basename(k[0])}:{k[1]} step {k[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
