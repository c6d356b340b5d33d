#!/usr/bin/env python3
"""Robustness fuzzing: random edits of the book's chapters must never crash or hang the checker.

    scripts/fuzz.py DERIVE [CHAPTERS] [--count N] [--seed S]

Each case deletes, duplicates or inserts a few characters (braces, backslashes, dollars, digits,
relation symbols, fence markers) in one chapter and runs `DERIVE check` on it. Any exit status other
than 0, 1 or 2, a signal, or a time-out is reported as a failure, with the file kept for replay.
"""
import os, random, shutil, subprocess, sys, tempfile

PIECES = ["{", "}", "\\", "$", "$$", "^", "_", "(", ")", "[", "]", "&", "%", "\\frac", "\\left(", "\\right)",
          "=", "\\le", "\\propto", "\\text{const}", "```", "```derive", "\n", " ", "0", "-1", "10^{30}",
          "\\begin{pmatrix}", "\\end{pmatrix}", "\\\\", "\\sum_{i=1}^{n}", "\\int", "dx", "\\mathbb{E}", "|", "\\|",
          "\\mathbf{1}_{0}", "I_{-2}", "\\{1, \\dots, 100000000\\}", "d = 0", "d = 100000"]


def mutate(text, rng):
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(chars) + 1)
        action = rng.random()
        if action < 0.4 and chars:
            del chars[i:i + rng.randint(1, 8)]
        elif action < 0.6 and chars:
            j = rng.randrange(len(chars))
            chars[i:i] = chars[j:j + rng.randint(1, 30)]
        else:
            chars[i:i] = list(rng.choice(PIECES))
    return "".join(chars)


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    derive = os.path.abspath(args[0])
    chapters = args[1] if len(args) > 1 and not args[1].startswith("--") else "chapters"
    count = int(args[args.index("--count") + 1]) if "--count" in args else 100
    rng = random.Random(int(args[args.index("--seed") + 1]) if "--seed" in args else 1)
    files = sorted(os.path.join(chapters, f) for f in os.listdir(chapters) if f.endswith(".md"))
    work = tempfile.mkdtemp(prefix="derive-fuzz-")
    failures = 0
    for n in range(count):
        source = rng.choice(files)
        with open(source, encoding="utf-8") as f:
            text = mutate(f.read(), rng)
        path = os.path.join(work, f"case-{n}.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            run = subprocess.run([derive, "check", "--no-cache", path], capture_output=True, text=True, timeout=120)
            bad = run.returncode not in (0, 1, 2)
            reason = f"exit {run.returncode}: {run.stderr.strip().splitlines()[-1:] if run.stderr.strip() else ''}"
        except subprocess.TimeoutExpired:
            bad, reason = True, "time-out"
        if bad:
            failures += 1
            print(f"FAIL {path}: {reason}")
        else:
            os.remove(path)
    print(f"fuzz: {count - failures} of {count} cases ended cleanly")
    if failures == 0:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
