"""Lighthouse on the demo as a phone reader gets it: home, a campaign page and a report page,
served gzipped from a local server under the demo's /bkm-site/ path.

A measurement, not a test (results go into RESULTS.md by hand). Needs node and Debian's chromium:

    (cd benchmarks/lighthouse && npm ci --ignore-scripts)
    .venv/bin/python benchmarks/lighthouse.py            # builds the demo, prints a Markdown table

Per page: Lighthouse's mobile default (simulated throttling: scores) --runs times (default 3; the run
with the median performance score is shown, as Lighthouse advises on a machine with other load), and
once a slow link applied in the browser (400 kbit/s both ways, 400 ms latency, no CPU slowdown) for
the first paint. The notes name what runs longest on the main thread (the bootup-time audit).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "benchmarks" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {"home": "", "campaign": "program/beasiswa-anak-2026/", "report": "transparansi/2025/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")
SLOW_LINK = [
    "--throttling-method=devtools",
    "--throttling.requestLatencyMs=400",
    "--throttling.downloadThroughputKbps=400",
    "--throttling.uploadThroughputKbps=400",
    "--throttling.cpuSlowdownMultiplier=1",
]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped as GitHub Pages serves it."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSIBLE
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)
        return None


def build_demo(out: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=REPO, env=env, check=True
    )
    return out


def serve(site: Path, prefix: str, root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    root.mkdir(exist_ok=True)
    (root / prefix).symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{prefix}/"


def lighthouse(url: str, out: Path, extra: list[str]) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless --no-sandbox",
            *extra,
        ],
        env=env,
        check=True,
        timeout=600,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def failed_audits(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [
        f"{ref['id']} ({audits[ref['id']]['score']})"
        for ref in refs
        if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


def median_run(url: str, out: Path, runs: int) -> tuple[dict, list[int]]:
    """The run with the median performance score, and every run's score."""
    reports = [lighthouse(url, out.with_name(f"{out.stem}-{i}.json"), []) for i in range(runs)]
    reports.sort(key=lambda report: report["categories"]["performance"]["score"])
    return reports[len(reports) // 2], [round(100 * r["categories"]["performance"]["score"]) for r in reports]


def busiest(report: dict, limit: int = 3) -> str:
    """The main thread's biggest costs by file (what runs in tasks attributed to it: script, style, layout)."""
    items = report["audits"]["bootup-time"]["details"]["items"]
    return ", ".join(f"{short_name(item['url'])} {item['total']:.0f} ms" for item in items[:limit])


def short_name(url: str) -> str:
    """A file's name; the page itself as "the page"; Lighthouse's "Unattributable" as it is."""
    if "://" not in url:
        return url.lower()
    path = urlsplit(url).path
    return "the page" if path.endswith("/") else path.rsplit("/", 1)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built demo (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="mobile runs per page; the median is shown")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit(f"{LIGHTHOUSE} is missing: (cd benchmarks/lighthouse && npm ci --ignore-scripts)")
    from mkdocs.utils.yaml import yaml_load

    prefix = urlsplit(yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path.strip("/")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        site = args.site.resolve() if args.site else build_demo(tmp_path / "site")
        server, base = serve(site, prefix, tmp_path / "served")
        load = os.getloadavg()
        rows, notes = [], []
        for name, path in PAGES.items():
            scores, performances = median_run(base + path, tmp_path / f"{name}.json", args.runs)
            slow = lighthouse(base + path, tmp_path / f"{name}-slow.json", SLOW_LINK)
            values = [round(100 * scores["categories"][c]["score"]) for c in CATEGORIES]
            fcp = scores["audits"]["first-contentful-paint"]["numericValue"] / 1000
            lcp = scores["audits"]["largest-contentful-paint"]["numericValue"] / 1000
            tbt = scores["audits"]["total-blocking-time"]["numericValue"]
            slow_fcp = slow["audits"]["first-contentful-paint"]["numericValue"] / 1000
            weight = scores["audits"]["total-byte-weight"]["numericValue"] / 1024
            rows.append(
                f"| {name} (`/{path}`) | {' | '.join(map(str, values))} | {fcp:.1f} s | {lcp:.1f} s | {tbt:.0f} ms "
                f"| {slow_fcp:.1f} s | {weight:.0f} KB |"
            )
            notes.append(
                f"- {name}: performance in {len(performances)} runs {', '.join(map(str, performances))}; "
                f"main thread by file: {busiest(scores)}"
            )
            for category in CATEGORIES:
                if missed := failed_audits(scores, category):
                    notes.append(f"- {name}, {category} below full marks: {', '.join(missed)}")
        server.shutdown()
    print(f"Lighthouse {scores['lighthouseVersion']}, {scores['environment']['hostUserAgent'].split(')')[-1].strip()}")
    after = os.getloadavg()
    print(
        f"load average before the runs: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, after: {after[0]:.1f} "
        f"{after[1]:.1f} {after[2]:.1f} on {os.cpu_count()} CPUs; Lighthouse's CPU benchmark index "
        f"{scores['environment']['benchmarkIndex']:.0f}\n"
    )
    print(
        "| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT "
        "| FCP at 400 kbit/s, 400 ms | bytes |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print("\n" + "\n".join(notes))


if __name__ == "__main__":
    main()
