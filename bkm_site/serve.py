"""``mkdocs serve`` for editors: data edits reload the site, and a broken edit says why in the browser.

MkDocs keeps the server alive when a rebuild fails, but every request then waits
for a successful build: the editor's browser just spins. So while serving, the
plugin does not fail on bad data (a photo that does not open included): the build goes on with one file per page the
reader may have open (and ``404.html``), each the page that lists the problems.
Fixing the file rebuilds the real site and the open browser tab reloads by itself.
Only public MkDocs API: ``on_startup`` says the command, ``on_files`` returns the
files, ``server.watch`` adds the data folder.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from .core.loading import DataError, Problem
from .core.loading.problems import say

log = get_plugin_logger(__name__)

MARKER = "bkm-serve-error"
"""Present only in the error page, so a page can tell whether the real site is back."""


def report(config: MkDocsConfig, error: DataError) -> str:
    """Say the problems in the terminal; return the page that shows them in the browser.

    Logged as errors, except under ``--strict``, where an error would fail the
    build and leave the browser waiting again.
    """
    level = logging.INFO if config.strict else logging.ERROR
    log.log(level, error.report())
    log.log(level, say(error.language, "serve.retry"))
    return error_page(error)


def error_files(config: MkDocsConfig, files: Files, page: str, served: Iterable[str]) -> Files:
    """The build's files, replaced: ``page`` at every address already served, at every editor's page and at 404.

    They are plain HTML files, copied as they are: no page is rendered with the
    theme (its templates need the data), and the navigation is empty.
    """
    targets = {"index.html", "404.html", *served, *(f.dest_uri for f in files.documentation_pages())}
    config.nav = None
    config.theme.static_templates.discard("404.html")
    return Files([File.generated(config, uri, content=page) for uri in sorted(targets)])


def error_page(data_error: DataError) -> str:
    language = data_error.language
    lead = say(language, "serve.lead", count=len(data_error.problems))
    body = "<ol>" + "".join(_problem_item(p) for p in data_error.problems) + "</ol>"
    return _PAGE.format(
        marker=MARKER,
        language=language,
        heading=html.escape(say(language, "serve.heading")),
        lead=html.escape(lead),
        body=body,
        reload=html.escape(say(language, "serve.reload")),
    )


def _problem_item(problem: Problem) -> str:
    where = problem.where()
    field = f"<code>{html.escape(problem.field)}</code>: " if problem.field else ""
    hint = f'<p class="hint">→ {html.escape(problem.hint)}</p>' if problem.hint else ""
    return f"<li><p><strong>{html.escape(where)}</strong></p><p>{field}{html.escape(problem.message)}</p>{hint}</li>"


_PAGE = """<!doctype html>
<html lang="{language}">
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
</style>
</head>
<body class="{marker}">
<h1>{heading}</h1>
<p>{lead}</p>
{body}
<p>{reload}</p>
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
