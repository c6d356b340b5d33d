#!/usr/bin/env python3
"""Loads every page of a built HTML book in headless Chromium, as a reader opens it from the file
system, and fails on what a reader would trip over:

  - a link, image, script or stylesheet to a file of the site that is missing, a link to an
    anchor that the target page does not have, or an id used twice on a page;
  - math that is missing: a derivation or a cross-reference preview without a MathML element, a
    <math> element that the browser did not take as MathML, an <merror>, prose math shown as
    source (class math-error), or TeX left as text (\\frac, \\eqref{...} outside code);
  - any request that leaves the file system (http, https, ws, ...), and any script error;
  - on the index page, a search (search.html?q=WORD) that finds nothing for a word of the book.

Usage: scripts/check-pages.py [--chromium PATH] DIR...   (DIR: an output html folder)
       scripts/check-pages.py --self-test                 (shows that each kind of fault is caught)

It speaks the DevTools protocol over --remote-debugging-pipe, so it needs nothing but Python 3
and Chromium. Exit status 0: every page is clean; 1: problems (listed); 2: it could not run.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

LOCAL_SCHEMES = {"file", "data", "about", "blob"}

# Run in each page once it has loaded: what it links to, which ids it has, and where math is missing.
COLLECT = r"""
(() => {
  const MATHML = "http://www.w3.org/1998/Math/MathML";
  const out = { ids: [], links: [], resources: [], problems: [], math: 0 };
  const seen = new Set();
  for (const element of document.querySelectorAll("[id]")) {
    if (seen.has(element.id)) out.problems.push("the id " + element.id + " is used twice");
    seen.add(element.id);
    out.ids.push(element.id);
  }
  for (const a of document.querySelectorAll("a[href]")) {
    out.links.push(new URL(a.getAttribute("href"), document.baseURI).href);
  }
  for (const element of document.querySelectorAll("[src], link[href]")) {
    const value = element.getAttribute("src") || element.getAttribute("href");
    out.resources.push(new URL(value, document.baseURI).href);
  }
  const where = (element) => {
    const holder = element.closest("[id]");
    return holder ? "#" + holder.id : element.tagName.toLowerCase();
  };
  for (const math of document.getElementsByTagName("math")) {
    out.math += 1;
    if (math.namespaceURI !== MATHML) out.problems.push("a <math> element not in the MathML namespace near " + where(math));
  }
  for (const error of document.getElementsByTagNameNS(MATHML, "merror")) {
    out.problems.push("an <merror> near " + where(error) + ": " + error.textContent.trim().slice(0, 80));
  }
  for (const derivation of document.querySelectorAll(".derivation")) {
    if (!derivation.getElementsByTagNameNS(MATHML, "math").length) out.problems.push("derivation " + where(derivation) + " has no MathML");
  }
  for (const preview of document.querySelectorAll(".xref > .preview")) {
    if (!preview.getElementsByTagNameNS(MATHML, "math").length) out.problems.push("a cross-reference preview without MathML near " + where(preview));
  }
  for (const error of document.querySelectorAll(".math-error")) {
    out.problems.push("prose math shown as source near " + where(error) + ": " + error.textContent.slice(0, 80));
  }
  // TeX that reached the page as text, outside code, scripts and annotations.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const tex = /\\(eqref|frac|mathbb|mathrm|mathcal|begin|end|left|right|sum|int|sqrt|cdot|alpha|sigma|mu)\b/;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("code, pre, script, style, annotation, kbd, samp")) continue;
    const found = node.data.match(tex);
    if (found) out.problems.push("TeX left as text (" + found[0] + ") near " + where(node.parentElement) + ": "
                                 + node.data.trim().slice(0, 80));
  }
  return out;
})()
"""

SEARCH_RESULTS = r"""
(() => {
  const list = document.querySelector("form.page-search .search-results");
  return list && !list.hidden ? list.querySelectorAll("a").length : -1;
})()
"""


class Browser:
    """Headless Chromium driven over the DevTools pipe (fd 3: commands in, fd 4: replies out)."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="check-pages-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def wire():
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        args = [chromium, "--headless", "--remote-debugging-pipe", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--mute-audio", "--disable-dev-shm-usage", "--user-data-dir=" + self.profile]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")
        args.append("about:blank")
        self.process = subprocess.Popen(args, preexec_fn=wire, pass_fds=(3, 4, to_browser_read, from_browser_write),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read(deadline)
            if reply is None:
                break
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise RuntimeError(f"{method}: no reply from Chromium in {timeout} s")

    def read(self, deadline):
        import select
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, timeout=30):
        """Returns when an event named `method` has arrived (kept in `events` with the others)."""
        deadline = time.time() + timeout
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(index)
            event = self.read(deadline)
            if event is None:
                raise RuntimeError(f"no {method} from Chromium in {timeout} s")
            self.events.append(event)

    def open_tab(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.send(domain + ".enable")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError("the page check itself failed: " + json.dumps(result["exceptionDetails"])[:300])
        return result["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def file_path(url):
    parsed = urllib.parse.urlsplit(url)
    return pathlib.Path(urllib.parse.unquote(parsed.path)), urllib.parse.unquote(parsed.fragment)


def check(folders, chromium):
    """Loads every .html page under the folders; returns (problems, figures)."""
    problems = []
    pages = sorted(p.resolve() for folder in folders for p in pathlib.Path(folder).rglob("*.html"))
    if not pages:
        return [f"no .html page under {', '.join(map(str, folders))}"], {}
    roots = [pathlib.Path(folder).resolve() for folder in folders]
    browser = Browser(chromium)
    ids, links, requests = {}, [], 0
    started = time.time()
    try:
        browser.open_tab()
        for page in pages:
            browser.events.clear()
            url = page.as_uri()
            browser.send("Page.navigate", {"url": url})
            browser.wait_for("Page.loadEventFired")
            # Let deferred scripts and lazy requests run before reading the page.
            browser.evaluate("new Promise(done => setTimeout(done, 50))")
            found = browser.evaluate(COLLECT)
            ids[page] = set(found["ids"])
            name = page.name
            problems += [f"{name}: {problem}" for problem in found["problems"]]
            if page.parent.joinpath("search.js").exists() and found["math"] == 0 and page.name not in (
                    "index.html", "search.html", "map.html"):
                problems.append(f"{name}: a chapter page without any MathML")
            links += [(page, link) for link in found["links"] + found["resources"]]
            if name == "search.html" and page.parent.joinpath("search-index.js").exists():
                problems += search_problems(browser, page)
            requests += record_events(browser.events, name, problems)
    finally:
        browser.close()
    external = 0
    for page, link in links:
        scheme = urllib.parse.urlsplit(link).scheme
        if scheme in ("http", "https", "mailto"):
            external += 1
            continue
        if scheme != "file":
            problems.append(f"{page.name}: a link with scheme {scheme}: {link}")
            continue
        path, fragment = file_path(link)
        if not any(root in path.parents or path == root for root in roots):
            problems.append(f"{page.name}: a link out of the site: {path}")
        elif not path.exists():
            problems.append(f"{page.name}: a link to a missing file: {path.name}")
        elif fragment and path.suffix == ".html" and fragment not in ids.get(path.resolve(), set()):
            problems.append(f"{page.name}: a link to a missing anchor: {path.name}#{fragment}")
    figures = {"pages": len(pages), "links": len(links), "external links (not followed)": external,
               "requests": requests, "seconds": round(time.time() - started, 2)}
    return problems, figures


def record_events(events, name, problems):
    """Network requests off the file system, failed loads and script errors seen on one page."""
    requests = 0
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            requests += 1
            url = params["request"]["url"]
            if urllib.parse.urlsplit(url).scheme not in LOCAL_SCHEMES:
                problems.append(f"{name}: a request to the network: {url}")
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            problems.append(f"{name}: a resource failed to load ({params.get('errorText')})")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text")
            problems.append(f"{name}: a script error: {str(text)[:200]}")
    return requests


def search_problems(browser, page):
    """Searches the index page for a word taken from the index itself, and for nonsense."""
    index = page.parent.joinpath("search-index.js").read_text(encoding="utf-8")
    entries = json.loads(index[index.index("["):index.rindex("]") + 1])
    words = [w for e in entries for w in e["x"].split() if w.isalpha() and w.islower() and len(w) >= 6]
    if not words:
        return []
    problems = []
    for query, want in ((words[0], True), ("qqxqqzqq", False)):
        browser.send("Page.navigate", {"url": page.as_uri() + "?q=" + urllib.parse.quote(query)})
        browser.wait_for("Page.loadEventFired")
        count = -1
        for _ in range(40):
            count = browser.evaluate(SEARCH_RESULTS)
            if count is not None and count >= 0:
                break
            time.sleep(0.05)
        if want and (count is None or count < 1):
            problems.append(f"{page.name}: searching for '{query}', a word of the index, finds nothing")
        if not want and count is not None and count > 0:
            problems.append(f"{page.name}: searching for '{query}' finds {count} results")
    return problems


SELF_TEST_PAGES = {
    "index.html": """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>t</title></head><body>
<p id="top"><a href="good.html#here">fine</a> <a href="good.html#nowhere">broken anchor</a>
<a href="missing.html">missing page</a></p><p id="top">the same id again</p></body></html>""",
    "good.html": """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>t</title></head><body>
<div class="derivation" id="here"><math display="block"><mi>x</mi></math></div>
<div class="derivation" id="empty"><p>no math here</p></div>
<p>Left as TeX: \\frac{a}{b}.</p>
<img src="http://example.invalid/x.png" alt="from the network"/></body></html>""",
}

SELF_TEST_EXPECTED = [
    "index.html: a link to a missing anchor: good.html#nowhere",
    "index.html: a link to a missing file: missing.html",
    "index.html: the id top is used twice",
    "good.html: derivation #empty has no MathML",
    "good.html: TeX left as text (\\frac)",
    "good.html: a request to the network: http://example.invalid/x.png",
]


def self_test(chromium):
    """A two-page site with one fault of each kind: each must be reported, and nothing else."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="check-pages-self-test-"))
    try:
        for name, text in SELF_TEST_PAGES.items():
            folder.joinpath(name).write_text(text, encoding="utf-8")
        problems, _ = check([folder], chromium)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    missed = [want for want in SELF_TEST_EXPECTED if not any(p.startswith(want) for p in problems)]
    extra = [p for p in problems if not any(p.startswith(want) for want in SELF_TEST_EXPECTED)
             and "failed to load" not in p]
    for want in missed:
        print(f"check-pages self-test: not caught: {want}")
    for problem in extra:
        print(f"check-pages self-test: reported but not planted: {problem}")
    if missed or extra:
        return 1
    print(f"check-pages self-test: all {len(SELF_TEST_EXPECTED)} planted faults caught")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", help="html folders of built books")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser")
                        or shutil.which("google-chrome"))
    parser.add_argument("--self-test", action="store_true", help="check that planted faults are caught")
    options = parser.parse_args()
    if not options.chromium:
        print("check-pages: no chromium found (apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        if options.self_test:
            return self_test(options.chromium)
        if not options.folders:
            parser.error("name at least one html folder")
        problems, figures = check(options.folders, options.chromium)
    except RuntimeError as error:
        print(f"check-pages: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"check-pages: {problem}")
    print("check-pages: " + ", ".join(f"{value} {key}" for key, value in figures.items())
          + (f"; {len(problems)} problems" if problems else "; no problems"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
