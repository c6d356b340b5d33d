/// `derive.css`, bundled with the site. The @font-face rule is emitted only when the font file is
/// copied too, so that a site built without fonts-lmodern falls back to the reader's math fonts.
enum HTMLStylesheet {
    static func css(withMathFont: Bool) -> String {
        let fontFace = withMathFont ? """
        @font-face {
          font-family: "Latin Modern Math";
          src: url("\(HTMLWriter.fontPath)") format("opentype");
          font-display: swap;
        }

        """ : ""
        return fontFace + rules
    }

    private static let rules = """
    :root {
      --text: #1f2328; --muted: #59636e; --rule: #d1d9e0; --paper: #fffefb; --accent: #0b57a4;
      --verified: #1a7f37; --refuted: #c62828; --inconclusive: #9a6700; --unchecked: #6e7781;
    }
    html { background: var(--paper); color: var(--text); }
    body {
      font-family: "Latin Modern Roman", "Iowan Old Style", "Palatino Linotype", Georgia, serif;
      font-size: 1.1rem; line-height: 1.55; max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem;
    }
    math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", math; }
    a { color: var(--accent); }
    h1, h2, h3, h4 { line-height: 1.25; }
    h1 .chapter-number { color: var(--muted); margin-right: 0.4em; }
    h1:not(.chapter-title) { font-size: 1.6rem; }
    pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; font-size: 0.9rem; }
    code { font-size: 0.92em; }
    blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
    img { max-width: 100%; }
    hr { border: 0; border-top: 1px solid var(--rule); }

    nav.pager { display: flex; justify-content: space-between; gap: 1rem; font-size: 0.95rem;
      padding: 0.5rem 0; border-bottom: 1px solid var(--rule); }
    nav.pager:last-of-type { border-bottom: 0; border-top: 1px solid var(--rule); }
    nav.pager .previous, nav.pager .next { flex: 1; }
    nav.pager .next { text-align: right; }
    footer { margin-top: 2rem; font-size: 0.85rem; color: var(--muted); }

    .title-page h1 { font-size: 2.2rem; margin-bottom: 0.2rem; }
    .author { font-size: 1.2rem; color: var(--muted); margin-top: 0; }
    ol.toc { list-style: none; padding-left: 0; }
    ol.toc li { padding: 0.2rem 0; }
    ol.toc .chapter-number { display: inline-block; min-width: 2em; color: var(--muted); }
    ol.toc .counts { font-size: 0.85rem; color: var(--muted); margin-left: 0.5em; }

    p.given { margin-left: 1.5rem; }
    .given-word { font-style: italic; }
    .define math, .derivation math { margin: 0.4rem 0; }

    .derivation { margin: 1rem 0; }
    .derivation .display { display: flex; align-items: center; gap: 1rem; overflow-x: auto; }
    .derivation .display math { flex: 1; }
    .equation-number { white-space: nowrap; }
    /* MathML Core ignores columnalign, and Chromium aligns an mtd's content only by the legacy
       -webkit- keywords; engines that do not know them keep the plain keyword before. */
    mtable.chain > mtr > mtd:nth-child(1), mtable.aligned > mtr > mtd:nth-child(1) {
      text-align: right; text-align: -webkit-right; padding-right: 0; }
    mtable.chain > mtr > mtd:nth-child(2), mtable.aligned > mtr > mtd:nth-child(2) {
      text-align: left; text-align: -webkit-left; padding-left: 0; }
    mtable.chain > mtr > mtd:nth-child(3) { text-align: center; text-align: -webkit-center; padding-left: 1.5em; }
    mtable.chain > mtr > mtd:nth-child(4) { text-align: left; text-align: -webkit-left; padding-left: 0.75em;
      white-space: normal; min-width: 10em; max-width: 18em; }
    mtable.chain > mtr > mtd.first { text-align: left; text-align: -webkit-left; }
    mtable.chain > mtr > mtd:nth-child(1):not(.first) { min-width: 2em; }
    /* A justification wraps inside its column instead of running off the page. */
    mtext.justification { font-family: inherit; font-style: italic; color: var(--muted); font-size: 0.85em;
      white-space: normal; display: inline-block; }
    mstyle.justification-math { color: var(--muted); font-size: 0.85em; }

    .mark { font-weight: bold; font-family: "DejaVu Sans", "Segoe UI Symbol", sans-serif; }
    .mark.verified { color: var(--verified); }
    .mark.refuted { color: var(--refuted); }
    .mark.inconclusive { color: var(--inconclusive); }
    .mark.unchecked { color: var(--unchecked); }

    details.checks { margin: 0.25rem 0 0; font-size: 0.85em; }
    details.checks > summary { cursor: pointer; color: var(--muted); }
    table.checks { border-collapse: collapse; margin: 0.3rem 0; font-variant-numeric: tabular-nums; }
    table.checks th, table.checks td { padding: 0.1rem 0.6rem 0.1rem 0; text-align: left; vertical-align: top; }
    table.checks thead th { font-weight: normal; color: var(--muted); border-bottom: 1px solid var(--rule); }
    table.checks tr.refuted { border-left: 3px solid var(--refuted); }
    table.checks tr.refuted > *:first-child { padding-left: 0.4rem; }
    table.checks .check-reason { color: var(--muted); }
    table.checks th, table.checks td:not(:last-child) { white-space: nowrap; }
    .counterexample { color: var(--text); }
    .unchecked-note { font-size: 0.9rem; color: var(--muted); }

    .math-error, .reference-error { color: var(--refuted); background: #fff0f0; }

    table.audit { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
    table.audit th, table.audit td { border-bottom: 1px solid var(--rule); padding: 0.2rem 0.4rem; text-align: left;
      vertical-align: top; }
    table.audit tr.refuted { background: #fff0f0; }
    table.audit tr.inconclusive { background: #fff8e5; }
    body:has(table.audit) { max-width: 70rem; }

    """
}
