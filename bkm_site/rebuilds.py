"""What ``mkdocs serve`` keeps from one rebuild to the next, so an edit costs little more than the pages it changes.

MkDocs makes a new config and a new Jinja environment for every rebuild, but
keeps the plugin instance (it has ``on_startup``). Kept here: compiled
templates (Jinja's bytecode cache, keyed by template source, so an edited
template compiles again) and the Pagefind run, moved after the reload. The
data files' cache is :class:`bkm_site.core.loading.LoadCache`. ``mkdocs build``
builds once; the compiled templates also serve any later build in the same
process (``check`` and then a build, a script building several sites).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)


def _names(functions: dict) -> tuple:
    return tuple(
        sorted(
            (name, getattr(f, "__module__", ""), getattr(f, "__qualname__", repr(f))) for name, f in functions.items()
        )
    )


def environment_key(env: jinja2.Environment) -> tuple:
    """Everything of an environment that shapes compiled code: syntax, options, extensions, and the filters and
    tests the compiler may fold constants with."""
    escape = env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "fn")
    return (
        type(env).__qualname__,
        tuple(sorted(env.extensions)),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        escape,
        env.finalize is not None,
        _names(env.filters),
        _names(env.tests),
    )


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory for the serve process; Jinja checks each entry against its template's source."""

    def __init__(self) -> None:
        self.store: dict[tuple, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get((environment_key(bucket.environment), bucket.key))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[(environment_key(bucket.environment), bucket.key)] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()


class BackgroundIndex:
    """Pagefind for a serve rebuild, run after the build so the browser reloads without waiting for it.

    The bundle is written beside the site and moved into it when complete, so a
    reader never gets half an index; until then the search box finds nothing
    (no stale results). The next rebuild first stops a run still going: MkDocs
    empties the site directory it reads.
    """

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.proc: subprocess.Popen | None = None
        self.stopping = False

    def start(self, command: Callable[[Path], list[str]], site_dir: Path, bundle: str, done: Callable) -> bool:
        """Start indexing ``site_dir``; False when no folder can be made beside it (then index within the build).

        ``command(out)`` is made here, in the build, so a missing Pagefind stops the build as it does outside serve.
        """
        self.stop()
        try:
            out = Path(tempfile.mkdtemp(prefix=".bkm-pagefind-", dir=site_dir.parent))
        except OSError:
            return False
        try:
            argv = command(out)
        except BaseException:
            shutil.rmtree(out, ignore_errors=True)
            raise
        self.stopping = False
        self.thread = threading.Thread(target=self._run, args=(argv, out, site_dir / bundle, done), daemon=True)
        self.thread.start()
        return True

    def _run(self, argv: list[str], out: Path, target: Path, done: Callable) -> None:
        start = time.monotonic()
        try:
            self.proc = proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if self.stopping:
                proc.terminate()
            output, _ = proc.communicate()
            if self.stopping:
                return
            if proc.returncode != 0:
                done(None, output.strip())
                return
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(out), str(target))
            done(time.monotonic() - start, None)
        except OSError as err:
            if not self.stopping:
                done(None, str(err))
        finally:
            self.proc = None
            shutil.rmtree(out, ignore_errors=True)

    def stop(self) -> None:
        """End a run still going (its pages are about to be rewritten) and wait for its thread."""
        self.stopping = True
        proc = self.proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
        if self.thread is not None:
            self.thread.join()
            self.thread = None
