#!/usr/bin/env python3
"""Mutation test of the book: plant one plausible slip in one link, check the book, repeat.

    scripts/mutants.py DERIVE [CHAPTERS] [--count N] [--seed S]

Each mutant changes the right-hand side of one link of one `derive` block (a sign, a transpose,
sigma for sigma squared, a dropped 1/2, an index off by one, an inverse dropped) in a copy of the
book, and runs `DERIVE check` on the copy. A mutant is caught when the check exits non-zero with a
located error on the mutated line. The content-hash cache makes every run after the first re-check
only the mutated link. Prints each survivor and the figure.
"""
import os, random, re, shutil, subprocess, sys, tempfile

MUTATIONS = [
    ("sign", r" \+ ", " - "),
    ("sign", r" - ", " + "),
    ("transpose", r"\^\\top", ""),
    ("sigma for sigma^2", r"\\sigma\^2", r"\\sigma"),
    ("dropped 1/2", r"\\frac\{1\}\{2\}", ""),
    ("off by one", r"_\{t-1\}", "_{t}"),
    ("off by one", r"_\{t\}", "_{t-1}"),
    ("inverse dropped", r"\^\{-1\}", ""),
    ("square dropped", r"\^2", ""),
    ("factor 2", r"\b2 ", ""),
]


def links(path):
    """(line index, start, end) of each link's right-hand side text on its line, inside derive fences."""
    result, inside = [], False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if line.startswith("```derive"):
            inside = "unchecked=" not in line
            first = True
            continue
        if inside and line.startswith("```"):
            inside = False
            continue
        if inside:
            if first:  # the chain's first expression is not a link
                first = False
                continue
            body = line.split("%")[0]
            m = re.match(r"\s*&?\s*(=|\\le|\\ge|<|>|\\propto|\\approx)", body)
            if m:
                result.append((i, m.end(), len(body)))
    return lines, result


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    derive = os.path.abspath(args[0])
    chapters = args[1] if len(args) > 1 and not args[1].startswith("--") else "chapters"
    count = int(args[args.index("--count") + 1]) if "--count" in args else 50
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    rng = random.Random(seed)
    files = sorted(f for f in os.listdir(chapters) if f.endswith(".md"))
    candidates = []
    for name in files:
        lines, found = links(os.path.join(chapters, name))
        for (i, start, end) in found:
            segment = lines[i][start:end]
            for (kind, pattern, replacement) in MUTATIONS:
                for m in re.finditer(pattern, segment):
                    candidates.append((name, i, start + m.start(), start + m.end(), replacement, kind))
    rng.shuffle(candidates)
    work = tempfile.mkdtemp(prefix="derive-mutants-")
    cache = os.path.join(work, "cache")
    caught = survived = 0
    try:
        for (name, i, a, b, replacement, kind) in candidates[:count]:
            book = os.path.join(work, "book")
            shutil.rmtree(book, ignore_errors=True)
            shutil.copytree(chapters, book)
            path = os.path.join(book, name)
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            original = lines[i]
            lines[i] = original[:a] + replacement + original[b:]
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            env = dict(os.environ, XDG_CACHE_HOME=cache)
            run = subprocess.run([derive, "check", book], capture_output=True, text=True, env=env, timeout=600)
            located = re.search(re.escape(name) + r":(\d+):\d+: error", run.stderr)
            if run.returncode != 0 and located:
                caught += 1
            else:
                survived += 1
                print(f"survived ({kind}): {name}:{i + 1}: {lines[i].strip()[:140]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = caught + survived
    print(f"mutants: {caught} of {total} caught ({100.0 * caught / max(total, 1):.0f}%), from {len(candidates)} candidates")


if __name__ == "__main__":
    main()
