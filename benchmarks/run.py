"""bkm-site's speed and weight benchmark: `bash scripts/bench.sh` (or `python benchmarks/run.py`).

Builds synthetic BKM sites of N = 200 and 1,000 programmes with 120 monthly
reports, each in a fresh process (wall and CPU time; peak memory from the
process's own ``ru_maxrss``), against MkDocs' own floor: as many trivial
Markdown pages, one in the navigation, built by Material with the same Pagefind
search step. The same content written as hand-written Markdown pages is built
too, for information. Then weighs a campaign page of the demo site (HTML, CSS
and JS, gzipped) and its photos at phone width. Prints a table and writes
``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

TARGETS = {"vs_floor": 1.5, "scaling": 5.5, "memory_mb": 300, "page_kb": 60, "photo_kb": 150}
KINDS = ("plugin", "floor", "handwritten")
PHONE_PIXELS = 720  # a 360 px wide phone at device pixel ratio 2


def build_here(root: str) -> None:
    """Child process: one strict build, then report the process's peak memory."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.chdir(root)
    build(load_config(config_file=str(Path(root) / "mkdocs.yml"), strict=True))
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the media workers, once joined
    print(
        json.dumps(
            {
                "peak_mb": own.ru_maxrss / 1024,  # kilobytes on Linux
                "worker_mb": workers.ru_maxrss / 1024,  # the largest worker
                "cpu_s": own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime,
            }
        )
    )


def media_workers() -> int:
    """Imported only here: the hand-written builds must not pay for importing bkm_site."""
    from bkm_site.media import WORKERS

    return WORKERS


def page_count(root: Path) -> int:
    """How many pages bkm-site makes of the data site at ``root``: the floor site gets as many."""
    from bkm_site.core.formatting import Formatter
    from bkm_site.core.loading import load_site
    from bkm_site.core.pages import all_pages
    from bkm_site.core.strings import catalogue

    site = load_site(root / "data", root / "content", root)
    return len(all_pages(site, catalogue("id"), Formatter("id")))


def timed_build(root: Path, cold: bool = True) -> tuple[float, float, float]:
    """Wall seconds (interpreter start to site written), peak MB and CPU seconds of a build in a fresh process."""
    shutil.rmtree(root / "site", ignore_errors=True)
    if cold:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--build-here", str(root)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"build of {root} failed:\n{proc.stdout}\n{proc.stderr}")
    measured = json.loads(proc.stdout.strip().splitlines()[-1])
    return seconds, measured["peak_mb"] + media_workers() * measured["worker_mb"], measured["cpu_s"]


def best(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Fastest wall and CPU time (least disturbed by other load), highest memory."""
    return min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs)


def load_average() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


class Assets(HTMLParser):
    """Stylesheets, scripts and pictures a page loads."""

    def __init__(self):
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.srcsets: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.css.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        elif tag == "source" and a.get("type") == "image/webp" and a.get("srcset"):
            self.srcsets.append(a["srcset"])


def gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) / 1024


def local(site: Path, page: Path, href: str) -> Path:
    url = urljoin(page.relative_to(site).as_posix(), href.split("?")[0].split("#")[0])
    return site / url


def phone_choice(srcset: str) -> str:
    """The candidate a 720-pixel-wide screen picks: the narrowest at least that wide, else the widest."""
    candidates = sorted((int(w[:-1]), url) for url, w in (c.split() for c in srcset.split(",")))
    return next((url for w, url in candidates if w >= PHONE_PIXELS), candidates[-1][1])


def page_weight(site: Path, page: Path) -> dict:
    parser = Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    parts = {"html": gzip_kb(page)}
    parts["css"] = sum(gzip_kb(local(site, page, h)) for h in parser.css)
    parts["js"] = sum(gzip_kb(local(site, page, s)) for s in parser.js)
    photos = [local(site, page, phone_choice(s)) for s in parser.srcsets]
    return {
        **parts,
        "total": sum(parts.values()),
        "css_files": len(parser.css),
        "js_files": len(parser.js),
        "files": [Path(href.split("?")[0]).name for href in parser.css + parser.js],
        "photos_kb": [p.stat().st_size / 1024 for p in photos],
    }


def demo_weights(work: Path) -> tuple[str, dict, float]:
    """Build the repo's demo and weigh its heaviest campaign page and the largest phone-width photo of any
    campaign page."""
    from rebuild import demo_site

    demo = demo_site(work)
    timed_build(demo)
    site = demo / "site"
    pages = sorted((site / "program").glob("*/index.html"))
    weights = {p.parent.name: page_weight(site, p) for p in pages}
    heaviest = max(weights, key=lambda k: weights[k]["total"])
    largest_photo = max((kb for w in weights.values() for kb in w["photos_kb"]), default=0.0)
    return heaviest, weights[heaviest], largest_photo


def versions() -> dict:
    from importlib.metadata import version

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem = next(
        (
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mb": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "bkm-site": version("bkm-site"),
        "pillow": version("pillow"),
        "pagefind": version("pagefind"),
    }


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


GENERATED_HEADINGS = ("# Benchmark results", "## Reading the numbers")
"""Headings this script writes; any other section of RESULTS.md (measured by hand) is kept as it is."""


def kept_sections(path: Path, generated: tuple[str, ...] = GENERATED_HEADINGS) -> str:
    """The sections of the existing RESULTS.md that this script does not write (Lighthouse, notes by hand)."""
    if not path.is_file():
        return ""
    sections: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("# ", "## ")):
            sections.append([])
        sections[-1].append(line)
    kept = [s for s in sections if s and s[0].startswith("## ") and s[0] not in generated]
    return "".join("\n" + "\n".join(s).rstrip("\n") + "\n" for s in kept)


def report(
    results: dict, machine: dict, demo: tuple[str, dict, float], n_reports: int, repeat: int, loads: list[str], pages
) -> str:
    sizes = sorted(results)
    small, large = sizes[0], sizes[-1]
    plugin, floor, warm = (results[large][k] for k in ("plugin", "floor", "warm"))
    wall_ratio, cpu_ratio = plugin[0] / floor[0], plugin[2] / floor[2]
    scaling = results[large]["plugin"][0] / results[small]["plugin"][0]
    cpu_scaling = results[large]["plugin"][2] / results[small]["plugin"][2]
    peak = max(results[n][kind][1] for n in sizes for kind in ("plugin", "warm"))
    slug, weight, biggest_photo = demo

    def cell(r: tuple) -> str:
        return f"{r[0]:.1f} s ({r[2]:.1f} s CPU)"

    def ratio(at: dict, i: int) -> float:
        return at["plugin"][i] / at["floor"][i]

    rows = "\n".join(
        f"| {n} + {n_reports} ({pages[n]} pages) | {cell(results[n]['plugin'])} | {results[n]['plugin'][1]:.0f} MB "
        f"| {cell(results[n]['warm'])} | {cell(results[n]['floor'])} | {results[n]['floor'][1]:.0f} MB "
        f"| {ratio(results[n], 0):.2f} / {ratio(results[n], 2):.2f} "
        f"| {cell(results[n]['handwritten'])} |"
        for n in sizes
    )
    lines = [
        "# Benchmark results",
        "",
        f"Latest output of `bash scripts/bench.sh` (benchmarks/run.py), "
        f"{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_mb']} MB RAM; {machine['os']}. "
        f"Python {machine['python']}, MkDocs {machine['mkdocs']}, Material {machine['material']}, "
        f"bkm-site {machine['bkm-site']}, Pillow {machine['pillow']}, Pagefind {machine['pagefind']}. "
        f"Load average {loads[0]} at the start, {loads[-1]} at the end (1/5/15 min; the machine is shared, so wall "
        "times carry noise, CPU times less).",
        "",
        "Each build is `mkdocs build --strict` in a fresh process, with a cold photo/card cache (the targets are "
        "judged on these, as a CI build without a cache runs), and once more with the cache of the previous build "
        f"(an editor's rebuild, one build). Times are the best of {repeat} rounds over all sites (interpreter start "
        "to site written); CPU is the build process's plus its children's (media workers, Pagefind). Memory is the "
        f"build process's peak resident size plus {media_workers()} × the largest child's peak (an upper bound: forked "
        "workers share pages with the build).",
        "",
        "- **Floor**: MkDocs' own cost for the same number of pages: that many trivial Markdown pages (a heading "
        "and a sentence), one in the navigation, built by Material with the site's search, i.e. the same Pagefind "
        "step bkm-site runs after its build (`bkm_site.search.build_index`, from a `hooks:` file), and no lunr "
        "search (bkm-site switches Material's off).",
        "- **Hand-written**, for information: the same programmes and reports as Markdown pages (figures, funding "
        "table, photos, updates, line items), all in the navigation, built by Material alone with its lunr search.",
        "",
        "| programmes + reports | bkm-site (cold cache) | peak | bkm-site, warm cache | floor | floor peak "
        "| ÷ floor (wall / CPU) | hand-written |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        rows,
        "",
        "| target | value | goal | |",
        "| --- | --- | --- | --- |",
        f"| wall t({large}) ÷ floor t({large}), cold | {wall_ratio:.2f} | ≤ {TARGETS['vs_floor']} | "
        f"{verdict(wall_ratio <= TARGETS['vs_floor'])} |",
        f"| CPU t({large}) ÷ floor CPU t({large}), cold | {cpu_ratio:.2f} | ≤ {TARGETS['vs_floor']} | "
        f"{verdict(cpu_ratio <= TARGETS['vs_floor'])} |",
        f"| t({large}) / t({small}), wall (CPU: {cpu_scaling:.2f}) | {scaling:.2f} | ≤ {TARGETS['scaling']} | "
        f"{verdict(scaling <= TARGETS['scaling'])} |",
        f"| peak memory, bkm-site | {peak:.0f} MB | ≤ {TARGETS['memory_mb']} MB | "
        f"{verdict(peak <= TARGETS['memory_mb'])} |",
        f"| campaign page, gzip (HTML + CSS + JS) | {weight['total']:.1f} KB | ≤ {TARGETS['page_kb']} KB | "
        f"{verdict(weight['total'] <= TARGETS['page_kb'])} |",
        f"| largest photo at phone width, any demo campaign page | {biggest_photo:.1f} KB | ≤ {TARGETS['photo_kb']} KB "
        f"| {verdict(biggest_photo <= TARGETS['photo_kb'])} |",
        "",
        f"Campaign page weighed: the demo's heaviest, `program/{slug}/`: HTML {weight['html']:.1f} KB, "
        f"CSS {weight['css']:.1f} KB ({weight['css_files']} files), JS {weight['js']:.1f} KB ({weight['js_files']} "
        f"files), gzip level 6: {', '.join(weight['files'])} (a stylesheet for print counts too: browsers fetch it "
        "while the page loads). "
        f"Photos ({len(weight['photos_kb'])}) as a 360 px phone at 2x picks them (WebP): "
        + (", ".join(f"{kb:.0f}" for kb in weight["photos_kb"]) or "none")
        + " KB.",
        "",
        "## Reading the numbers",
        "",
        f"- With a warm cache (an editor's rebuild) the {large}-programme build is {warm[0] / floor[0]:.2f} × the "
        f"floor in wall time and {warm[2] / floor[2]:.2f} × in CPU. The cold build's extra "
        f"{plugin[2] - warm[2]:.1f} s CPU are the social cards (one per campaign and report) and the resized photos, "
        "drawn in a worker process on the second core beside MkDocs' page rendering, so they cost CPU more than "
        "wall time.",
        "- Both bkm-site and the floor keep the detail pages out of the navigation, so both grow linearly; the "
        "hand-written site grows faster because Material renders the whole navigation (every page) into every page.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--reports", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--build-here", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_here:
        return build_here(args.build_here)

    sys.path.insert(0, str(HERE))
    import rebuild
    import synthetic  # the build processes import nothing but MkDocs (and the plugin, where used)

    loads = [load_average()]
    runs: dict[tuple[int, str], list] = {}
    pages: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="bkm-bench-") as tmp:
        work = Path(tmp)
        sites = {}
        for n in args.sizes:
            sites[n, "plugin"] = work / f"plugin-{n}"
            synthetic.write_data_site(sites[n, "plugin"], n, args.reports)
            pages[n] = page_count(sites[n, "plugin"])
            sites[n, "floor"] = work / f"floor-{n}"
            synthetic.write_floor_site(sites[n, "floor"], pages[n])
            sites[n, "handwritten"] = work / f"handwritten-{n}"
            synthetic.write_handwritten_site(sites[n, "handwritten"], n, args.reports)
        # Rounds over every site, so a burst of other load on the machine does not fall on one kind only.
        for _ in range(args.repeat):
            for (n, kind), root in sites.items():
                runs.setdefault((n, kind), []).append(timed_build(root))
                wall, mb, cpu = runs[n, kind][-1]
                print(f"{kind:>12} N={n:<5} {wall:6.1f} s  {cpu:6.1f} s CPU  {mb:5.0f} MB", flush=True)
        for n in args.sizes:
            runs[n, "warm"] = [timed_build(sites[n, "plugin"], cold=False)]
            wall, mb, cpu = runs[n, "warm"][0]
            print(f"{'warm':>12} N={n:<5} {wall:6.1f} s  {cpu:6.1f} s CPU  {mb:5.0f} MB", flush=True)
        demo = demo_weights(work)
    loads.append(load_average())
    results = {n: {kind: best(runs[n, kind]) for kind in (*KINDS, "warm")} for n in args.sizes}
    text = report(results, versions(), demo, args.reports, args.repeat, loads, pages) + "\n" + rebuild.run(args.reports)
    args.output.write_text(text + kept_sections(args.output, (*GENERATED_HEADINGS, rebuild.HEADING)), encoding="utf-8")
    print()
    print(text)


if __name__ == "__main__":
    main()
