"""``mkdocs serve`` for editors: data edits reload the site, and a failed rebuild says why in the browser.

MkDocs 1.6 keeps the server alive when a rebuild raises, but every request then
waits for a successful build: the editor's browser just spins. Here a failed
rebuild instead replaces the pages of the served (temporary) site with one page
that lists the problems; fixing the file rebuilds the real site and the open
browser tab reloads by itself.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import get_plugin_logger

from .core.loading import DataError, Problem

log = get_plugin_logger(__name__)

MARKER = "bkm-serve-error"
"""Present only in the error page, so a page can tell whether the real site is back."""


def watch_data(server, data_dir: Path):
    """Rebuild on any change under ``data_dir``; show rebuild errors in the browser instead of hanging."""
    server.watch(str(data_dir))
    server.builder = showing_errors(server.builder, Path(server.root))
    return server


def showing_errors(builder: Callable[[], None], site_dir: Path) -> Callable[[], None]:
    def rebuild() -> None:
        with errors_logged() as messages:
            try:
                builder()
                return
            except MkDocsException as err:
                page = error_page(_data_error(err), messages or [str(err)])
        write_error_site(site_dir, page)
        log.error(
            "Situs belum dibangun ulang karena masalah di atas; browser menampilkan daftarnya. "
            "Server tetap berjalan: perbaiki berkasnya lalu simpan, situs dibangun ulang sendiri."
        )

    return rebuild


@contextmanager
def errors_logged() -> Iterator[list[str]]:
    """The messages MkDocs logs as errors while the block runs (config errors are only logged)."""
    messages: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def _data_error(err: BaseException) -> DataError | None:
    """MkDocs wraps a plugin's error in ``Abort``; the original is in the exception chain."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, DataError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def write_error_site(site_dir: Path, page: str) -> None:
    """Every page the reader may have open, and any other address (404.html), shows the error."""
    site_dir.mkdir(parents=True, exist_ok=True)
    targets = set(site_dir.rglob("*.html")) | {site_dir / "index.html", site_dir / "404.html"}
    for path in targets:
        path.write_text(page, encoding="utf-8")


def error_page(data_error: DataError | None, messages: list[str]) -> str:
    if data_error is not None:
        count = len(data_error.problems)
        heading = "Data BKM belum benar"
        lead = f"Ditemukan {count} masalah di data. Situs belum dibangun ulang; perbaiki hal berikut lalu simpan berkasnya."
        items = "".join(_problem_item(p) for p in data_error.problems)
        body = f"<ol>{items}</ol>"
    else:
        heading = "Situs belum bisa dibangun ulang"
        lead = "MkDocs menghentikan pembangunan situs. Pesannya:"
        body = "".join(f"<pre>{html.escape(m)}</pre>" for m in messages)
    return _PAGE.format(marker=MARKER, heading=heading, lead=html.escape(lead), body=body)


def _problem_item(problem: Problem) -> str:
    where = problem.where()
    field = f"<code>{html.escape(problem.field)}</code>: " if problem.field else ""
    hint = f'<p class="hint">→ {html.escape(problem.hint)}</p>' if problem.hint else ""
    return f"<li><p><strong>{html.escape(where)}</strong></p><p>{field}{html.escape(problem.message)}</p>{hint}</li>"


_PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}
h1 {{ color: #a40e0e; font-size: 1.5rem; }}
li {{ margin-bottom: 1rem; }} li p {{ margin: 0.2rem 0; }}
.hint {{ color: #0a5c2f; }}
code, pre {{ background: #f3f3f3; padding: 0 0.25rem; white-space: pre-wrap; }}
.en {{ color: #555; font-size: 0.9rem; border-top: 1px solid #ddd; padding-top: 0.5rem; }}
</style>
</head>
<body class="{marker}">
<h1>{heading}</h1>
<p>{lead}</p>
{body}
<p>Halaman ini memuat ulang sendiri setelah berkasnya diperbaiki dan disimpan; server tidak perlu dijalankan ulang.</p>
<p class="en" lang="en">The site could not be rebuilt. Fix the files listed above and save: this page reloads by itself.</p>
<script>
setInterval(function () {{
  fetch(location.href, {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (text) {{
    if (text.indexOf("{marker}") === -1) location.reload();
  }}).catch(function () {{}});
}}, 2000);
</script>
</body>
</html>
"""
