#!/usr/bin/env python3
"""Writes the fuzz seed corpus, fuzz/corpus/<target>/, from the book and the tests.

    scripts/fuzz-corpus.py [CHAPTERS]

math-parser: every given, define and derive body of the chapters and of the conformance cases in
Tests/MathSyntaxTests/ConformanceCases.swift, and the hostile inputs of the regression tests.
markdown: each chapter cut at its level-2 headings. check: for each derive block, a one-chapter
book of its chapter's heading, the given and define blocks before it, and the block itself.
Files are named by a hash of their content, so that rerunning the script changes nothing.
"""
import hashlib, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FENCE = re.compile(r"^```(given|define|derive)[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
# Inputs that once crashed or were accepted wrongly; the regression tests hold the same.
HOSTILE = [
    r"\sum_{i=1}^{1000000000000} x = 1000000000000 x",
    r"\prod_{i=1}^{1000000000000} x = x^{1000000000000}",
    " + ".join(["x"] * 2000) + " = 2000 x",
    r"I_{100000000} = I",
    r"\frac{" * 200 + "x" + "}{2}" * 200,
    r"x \in (1, 0)",
    r"t \in \{5, \dots, 1\}",
]


def write(folder, texts, limit):
    os.makedirs(folder, exist_ok=True)
    seen = set()
    for text in texts:
        digest = hashlib.sha1(text.encode()).hexdigest()[:16]
        if digest in seen:
            continue
        seen.add(digest)
        with open(os.path.join(folder, digest), "w", encoding="utf-8") as f:
            f.write(text)
        if len(seen) >= limit:
            break


def main():
    chapters = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "chapters")
    texts = {}
    for name in sorted(os.listdir(chapters)):
        if name.endswith(".md"):
            with open(os.path.join(chapters, name), encoding="utf-8") as f:
                texts[name] = f.read()
    math, markdown, check = [], [], []
    for text in texts.values():
        math += [m.group(2) for m in FENCE.finditer(text)]
        markdown += [part if i == 0 else "# Part\n\n##" + part for i, part in enumerate(re.split(r"^##(?!#)", text, flags=re.M))]
        heading = text.split("\n", 1)[0]
        scope = []
        for m in FENCE.finditer(text):
            if m.group(1) == "derive":
                check.append(heading + "\n\n" + "\n".join(scope) + "\n" + m.group(0) + "\n")
            else:
                scope.append(m.group(0) + "\n")
    cases = os.path.join(ROOT, "Tests", "MathSyntaxTests", "ConformanceCases.swift")
    if os.path.exists(cases):
        with open(cases, encoding="utf-8") as f:
            math += [s.strip("\n") for s in re.findall(r'#"""\n(.*?)"""#', f.read(), re.S) if s.strip()]
    math += HOSTILE
    corpus = os.path.join(ROOT, "fuzz", "corpus")
    write(os.path.join(corpus, "FuzzMathParser"), math, 300)
    write(os.path.join(corpus, "FuzzMarkdown"), markdown, 100)
    write(os.path.join(corpus, "FuzzCheck"), check[::max(1, len(check) // 60)], 60)


if __name__ == "__main__":
    main()
