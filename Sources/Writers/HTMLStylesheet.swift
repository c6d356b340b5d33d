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
      --code-bg: #f6f8fa; --error-bg: #fff0f0; --warning-bg: #fff8e5; --panel: #f7f5ef; --popover: #ffffff; --on-verdict: #ffffff;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --text: #e6e1d8; --muted: #a29c92; --rule: #3d3a35; --paper: #1b1a18; --accent: #8ab8ff;
        --verified: #4cc26e; --refuted: #ff7b72; --inconclusive: #e3b341; --unchecked: #9ba3ab;
        --code-bg: #262522; --error-bg: #3d1f1f; --warning-bg: #3a3020; --panel: #22211e; --popover: #2a2926; --on-verdict: #111111;
      }
    }
    html { background: var(--paper); color: var(--text); }
    body {
      font-family: "Latin Modern Roman", "Iowan Old Style", "Palatino Linotype", Georgia, serif;
      font-size: 1.1rem; line-height: 1.55; margin: 0;
    }
    /* The sidebar beside the page on wide screens; below the page on narrow ones, where the
       pager's Contents link and the skip link lead to it. */
    .frame { display: flex; align-items: flex-start; }
    .page { flex: 1; min-width: 0; max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
    nav.sidebar { flex: 0 0 17rem; box-sizing: border-box; position: sticky; top: 0; height: 100vh; overflow-y: auto;
      padding: 1rem 0.9rem 2rem; background: var(--panel); border-right: 1px solid var(--rule); font-size: 0.9rem;
      line-height: 1.35; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
    nav.sidebar a { text-decoration: none; color: var(--text); display: block; padding: 0.15rem 0.3rem; border-radius: 3px; }
    nav.sidebar a:hover, nav.sidebar a:focus { background: var(--rule); }
    nav.sidebar a.current { font-weight: 600; color: var(--accent); border-left: 3px solid var(--accent); padding-left: 0.4rem; }
    nav.sidebar ol, nav.sidebar ul { list-style: none; padding-left: 0; margin: 0.3rem 0; }
    nav.sidebar ol.sidebar-sections { padding-left: 1.4rem; font-size: 0.95em; }
    nav.sidebar ol.sidebar-sections a { color: var(--muted); }
    nav.sidebar .chapter-number { color: var(--muted); display: inline-block; min-width: 1.4em; }
    nav.sidebar .sidebar-title { font-weight: 600; margin: 0.6rem 0 0.3rem; }
    nav.sidebar .sidebar-extra { border-top: 1px solid var(--rule); padding-top: 0.4rem; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 0.5rem; top: 0.5rem; background: var(--paper); padding: 0.3rem; z-index: 20; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    @media (max-width: 52rem) {
      .frame { flex-direction: column; align-items: stretch; }
      nav.sidebar { order: 2; position: static; height: auto; flex-basis: auto; border-right: 0; border-top: 1px solid var(--rule); }
      .page { width: 100%; box-sizing: border-box; }
    }

    form.search { position: relative; display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0 0 0.5rem; }
    form.search input { flex: 1; min-width: 0; font: inherit; padding: 0.25rem 0.4rem; color: var(--text);
      background: var(--paper); border: 1px solid var(--rule); border-radius: 4px; }
    form.search button { font: inherit; padding: 0.25rem 0.5rem; color: var(--text); background: var(--paper);
      border: 1px solid var(--rule); border-radius: 4px; }
    form.search.live button { display: none; }
    ol.search-results { flex-basis: 100%; list-style: none; padding: 0.3rem; margin: 0; max-height: 60vh; overflow-y: auto;
      background: var(--popover); border: 1px solid var(--rule); border-radius: 4px; font-size: 0.9em; }
    ol.search-results li { padding: 0.25rem 0.2rem; border-bottom: 1px solid var(--rule); }
    ol.search-results .snippet { display: block; color: var(--muted); font-size: 0.9em; }
    ol.search-results .search-count { color: var(--muted); }
    form.page-search { max-width: 30rem; }
    ol.search-results[hidden] { display: none; }

    /* A cross-reference shows its derivation on hover or keyboard focus. */
    .xref { position: relative; }
    .xref > .preview { display: none; position: absolute; left: 0; top: 1.5em; z-index: 10; width: max-content;
      max-width: min(38rem, 88vw); padding: 0.4rem 0.7rem; background: var(--popover); color: var(--text);
      border: 1px solid var(--rule); border-radius: 6px; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18);
      font-size: 0.95rem; line-height: 1.3; overflow-x: auto; white-space: normal; font-style: normal;
      text-align: left; }
    .xref:hover > .preview, .xref:focus-within > .preview { display: block; }
    /* Inside a derivation, whose display scrolls sideways and would clip it, the preview sits at
       the foot of the window instead. */
    .derivation .xref > .preview { position: fixed; left: auto; right: 1.5rem; top: auto; bottom: 1.5rem; }
    .preview-head { display: block; font-size: 0.85em; color: var(--muted); }
    @media (max-width: 40rem) {
      .xref > .preview { position: fixed; left: 4vw; right: 4vw; top: auto; bottom: 1rem; width: auto; max-width: none; }
    }

    /* The map of results. */
    .map-frame { overflow-x: auto; margin: 1rem 0; }
    svg.result-map { max-width: 100%; height: auto; font-family: system-ui, sans-serif; }
    /* On a phone the map keeps a legible size and scrolls sideways in its frame. */
    @media (max-width: 40rem) { svg.result-map { max-width: none; width: 44rem; } }
    svg.result-map .band-caption { font-size: 12px; font-weight: 600; fill: var(--text); }
    svg.result-map .node { stroke: var(--paper); stroke-width: 1; }
    svg.result-map .node.verified { fill: var(--verified); }
    svg.result-map .node.refuted { fill: var(--refuted); }
    svg.result-map .node.inconclusive { fill: var(--inconclusive); }
    svg.result-map .node.unchecked { fill: var(--unchecked); }
    svg.result-map .node-label { font-size: 10px; fill: var(--on-verdict); pointer-events: none; }
    svg.result-map a:hover .node, svg.result-map a:focus .node { stroke: var(--text); stroke-width: 2; }
    svg.result-map .edge { fill: none; stroke: var(--accent); stroke-width: 1.1; opacity: 0.6; }
    svg.result-map .arrowhead { fill: var(--accent); }
    .legend-item { margin-right: 1rem; white-space: nowrap; font-size: 0.9rem; }
    .swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; vertical-align: -0.1em; }
    .swatch.verified { background: var(--verified); }
    .swatch.refuted { background: var(--refuted); }
    .swatch.inconclusive { background: var(--inconclusive); }
    .swatch.unchecked { background: var(--unchecked); }
    /* A plot shrinks with the column; on a phone its labels are drawn larger so that, scaled
       down with it, they stay legible (CSS outranks the SVG's font-size attribute). */
    @media (max-width: 40rem) {
      svg.plot-area { font-size: 22px; }
      svg.plot-area foreignObject > div { font-size: 19px !important; }
    }
    ul.index-results { columns: 2 16rem; }
    math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", math; }
    a { color: var(--accent); }
    h1, h2, h3, h4 { line-height: 1.25; }
    h1 .chapter-number { color: var(--muted); margin-right: 0.4em; }
    h1:not(.chapter-title) { font-size: 1.6rem; }
    pre { background: var(--code-bg); padding: 0.75rem; overflow-x: auto; font-size: 0.9rem; }
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

    /* A display wider than the column scrolls inside its own box, never the page: prose display
       math, and the tables of checks and of the audit. A derivation's display scrolls as a whole. */
    math[display="block"] { overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: 0.3em 0; }
    .derivation .display math[display="block"], .xref > .preview math[display="block"] { overflow: visible; max-width: none; padding: 0; }
    /* Chromium does not break inline math across lines; on a phone one longer than the line scrolls too. */
    @media (max-width: 40rem) { main math:not([display="block"]):not(.justification-math) { max-width: 100%; overflow-x: auto; overflow-y: hidden; } }
    .table-frame { max-width: 100%; overflow-x: auto; }

    .derivation { margin: 1rem 0; }
    /* Beside the sidebar, a derivation may take the free margin on its right (up to 16rem), so
       that its justifications fit without scrolling on a wide screen. */
    @media (min-width: 52.01rem) {
      .derivation { margin-right: calc(-1 * clamp(0px, (100vw - 66.5rem) / 2 + 1rem, 16rem)); }
    }
    .derivation .display { display: flex; align-items: center; gap: 1rem; overflow-x: auto; }
    .derivation .display math { flex: 1; }
    .equation-number { white-space: nowrap; }
    /* MathML Core ignores columnalign, and Chromium aligns an mtd's content only by the legacy
       -webkit- keywords; engines that do not know them keep the plain keyword before. */
    mtable.chain > mtr > mtd:nth-child(1), mtable.aligned > mtr > mtd:nth-child(1) {
      text-align: right; text-align: -webkit-right; padding-right: 0; }
    mtable.chain > mtr > mtd:nth-child(2), mtable.aligned > mtr > mtd:nth-child(2) {
      text-align: left; text-align: -webkit-left; padding-left: 0; }
    mtable.chain > mtr > mtd:nth-child(3) { text-align: center; text-align: -webkit-center; padding-left: 1em; }
    mtable.chain > mtr > mtd:nth-child(4) { text-align: left; text-align: -webkit-left; padding-left: 0.75em; }
    mtable.chain > mtr > mtd.first { text-align: left; text-align: -webkit-left; }
    mtable.chain > mtr > mtd:nth-child(1):not(.first) { min-width: 2em; }
    /* A justification is one paragraph of words and inline math that wraps inside its column
       (a table cell ignores max-width, so the text's own box carries it). */
    mtext.justification { display: inline-block; box-sizing: border-box; min-width: 8em; max-width: 20em;
      white-space: normal; overflow-wrap: anywhere; text-align: left; font-family: inherit; font-style: italic;
      font-size: 0.85em; line-height: 1.35; color: var(--muted); }
    mtext.justification math.justification-math { margin: 0; font-style: normal; }
    @media (max-width: 40rem) { mtext.justification { max-width: 13em; } }

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

    .math-error, .reference-error { color: var(--refuted); background: var(--error-bg); }

    /* The audit keeps its columns legible and scrolls in its frame on a narrow screen; the
       reason column wraps at a readable measure instead of squeezing to a word a line. */
    table.audit { border-collapse: collapse; font-size: 0.85rem; width: max-content; min-width: 100%; }
    table.audit td:last-child { width: 18em; }
    table.audit code { white-space: nowrap; }
    table.audit th, table.audit td { border-bottom: 1px solid var(--rule); padding: 0.2rem 0.4rem; text-align: left;
      vertical-align: top; }
    table.audit tr.refuted { background: var(--error-bg); }
    table.audit tr.inconclusive { background: var(--warning-bg); }
    .page:has(table.audit), .page:has(svg.result-map) { max-width: 70rem; }

    /* On paper: no sidebar, no search, no pager; every detail open; previews stay in the text. */
    @media print {
      :root { --text: #000000; --muted: #444444; --paper: #ffffff; --accent: #000000; }
      nav.sidebar, nav.pager, form.search, .skip, .xref > .preview { display: none !important; }
      .frame { display: block; }
      .page { max-width: none; padding: 0; }
      body { font-size: 11pt; }
      details > summary { list-style: none; }
      details > summary::-webkit-details-marker { display: none; }
      details::details-content { content-visibility: visible; display: contents; }
      .derivation { break-inside: avoid; }
      a { text-decoration: none; }
      .map-frame { overflow: visible; }
    }

    """
}
