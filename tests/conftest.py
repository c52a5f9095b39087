"""Shared fixtures: build throw-away sites from Python data, build the demo
once, and drive Debian's chromium through Playwright.

Helpers that are not fixtures are imported by tests with
``from conftest import MINIMAL_BKM, minimal_programme, minimal_report, html``.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"  # screenshots, PDFs: kept after the run, git-ignored
CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright may not download its own
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Only local servers resolve: external requests (Google Fonts, CDNs) fail at
    # once instead of hanging until a timeout, here as on the offline CI machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
BUILD_TIMEOUT = 300  # seconds; a hung build must fail, not stall CI
PYTHON = (sys.executable, "-W", "error::DeprecationWarning")
"""Python for the commands the tests run as a user would: a deprecated API in use fails them."""
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
"""As scripts/_setup.sh and the new site's workflow set it, for a bare `pytest` too: Material's English
end-of-life banner would otherwise open every build the tests run."""
NODE_TOOLS = REPO / "tests" / "node_modules"  # axe-core and vnu-jar, from tests/package-lock.json (scripts/test.sh)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives chromium (skipped without it, fails when CI is set)")
    config.addinivalue_line("markers", "slow: takes seconds, not milliseconds")
    config.addinivalue_line("markers", "xdist_group(name): run in the same xdist worker as the group's other tests")
    ARTIFACTS.mkdir(exist_ok=True)


# --- every data message of the run, scanned for parser English -------------------

PARSER_ENGLISH = re.compile(
    r"\b(expected|found|could not|did not|mapping values|while (scanning|parsing|constructing)|block end|"
    r"end of stream|cannot start any token|not allowed here|unacceptable character|escape sequence|"
    r"Input should|Field required|Extra inputs|out of range|cannot identify|Errno|Traceback)\b"
)
"""Words of PyYAML, pydantic, PIL and Python errors; no data message may quote them."""
DATA_MESSAGES: list[str] = []


@pytest.fixture(autouse=True, scope="session")
def _collect_data_messages():
    """Every DataError the suite raises in this process: its messages and hints are checked at the end."""
    from bkm_site.core.loading import problems

    original = problems.DataError.__init__

    def recording(self, *args, **kwargs):
        original(self, *args, **kwargs)
        DATA_MESSAGES.extend(f"{p.where()}: {p.message} → {p.hint or ''}" for p in self.problems)

    problems.DataError.__init__ = recording
    yield
    problems.DataError.__init__ = original


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """xdist's controller: gather what each worker found (its DATA_MESSAGES stayed in its process)."""
    DATA_MESSAGES.extend(getattr(node, "workeroutput", {}).get("data_messages", []))


def pytest_sessionfinish(session, exitstatus):
    _ForkServer.stop()
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:  # an xdist worker: the controller reports
        worker_output["data_messages"] = [m for m in DATA_MESSAGES if PARSER_ENGLISH.search(m)]
        return
    english = [m for m in DATA_MESSAGES if PARSER_ENGLISH.search(m)]
    if english:
        print("\nData messages quoting parser English:\n" + "\n".join(english[:20]), file=sys.stderr)
        session.exitstatus = 1


SHARED_BUILDS = {
    "english_site": "english-site",
    "hostile_site": "hostile-site",
}
"""Module-scoped fixtures that build a site for several tests, and the xdist group of their tests: with
``--dist loadgroup`` (scripts/test.sh) all of a group's tests run in one worker, so the site is built once.
Session builds that every worker may read (the demo, the new site) use :func:`shared_build` instead."""


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the group marks into the test ids
def pytest_collection_modifyitems(items):
    """Mark every test that uses a browser, so `-m "not browser"` works without remembering to;
    put the tests of a shared build in its xdist group."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if {"browser", "page"} & fixtures:
            item.add_marker(pytest.mark.browser)
        groups = sorted({SHARED_BUILDS[name] for name in fixtures & SHARED_BUILDS.keys()})
        if groups:
            item.add_marker(pytest.mark.xdist_group("+".join(groups)))
    items[:] = _busy_order(items)


RUN_BUILDS = ("demo_build", "new_site_build")
"""The session fixtures that make a build shared by every worker (:func:`shared_build`)."""


def _busy_order(items: list) -> list:
    """The order xdist hands tests out in, so no worker waits: one test of each run-wide build first (a worker
    starts it at once), then the slow tests (longest first keeps the workers' ends together), then the others,
    and last the tests that read a run-wide build, made by then. Stable within each class, so a module's tests
    keep their order."""
    starters: dict[str, int] = {}

    def rank(index_item) -> tuple[int, int]:
        index, item = index_item
        fixtures = set(getattr(item, "fixturenames", ()))
        builds = [name for name in RUN_BUILDS if name in fixtures]
        for name in builds:
            if starters.setdefault(name, index) == index:
                return (0, 0)
        slow = item.get_closest_marker("slow") is not None
        return (3 if builds else 1 if slow else 2, 0)

    ranked = sorted(enumerate(items), key=rank)
    return [item for _, item in ranked]


# --- builds shared by every xdist worker of a run ---------------------------------


def _run_dir(config, tmp_path_factory) -> Path:
    """The run's base temporary folder, which every xdist worker's own base folder is inside of."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


@contextlib.contextmanager
def _exclusive(lock_file: Path):
    """Hold an exclusive lock on ``lock_file`` (between processes: the xdist workers)."""
    with open(lock_file, "a+b") as handle:
        if os.name == "nt":
            import msvcrt
            import time

            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after 10 s; a build takes longer
                    time.sleep(1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def shared_build(request, name: str, make) -> tuple[Path, object]:
    """``make(folder)`` once per run for all xdist workers, so a site read by tests in both workers is built once:
    the first worker to ask makes it, the others wait for it and get the same folder. Returns the folder and
    what ``make`` returned (JSON-able). Tests treat the folder as read-only; one that changes files copies it first."""
    run_dir = _run_dir(request.config, request.getfixturevalue("tmp_path_factory"))
    folder, done = run_dir / f"shared-{name}", run_dir / f"shared-{name}.json"
    with _exclusive(run_dir / f"shared-{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            result = make(folder)
            done.write_text(json.dumps(result), encoding="utf-8")
    return folder, json.loads(done.read_text(encoding="utf-8"))


def copy_site(source: Path, target: Path, names=("mkdocs.yml", "content", "data", "overrides", ".cache")) -> Path:
    """A site's files (and its photo and card cache: entries are keyed by content, so a copy is a warm,
    correct cache) into ``target``, to build or change there without touching the source."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        elif path.is_file():
            shutil.copy2(path, target / name)
    return target


# --- valid data per /work/shared/data-format.md ------------------------------

MINIMAL_BKM = {
    "name": "BKM Maju Bersama",
    "area": {
        "kelurahan": "Sukamaju",
        "kecamatan": "Cibeunying Kidul",
        "kota": "Kota Bandung",
        "provinsi": "Jawa Barat",
    },
    "address": "Jl. Melati No. 5, RT 02/RW 04",
    "established": date(2008, 5, 12),
    "about": "BKM Maju Bersama adalah lembaga warga Kelurahan Sukamaju.\n",
    "contact": {"whatsapp": "+62 812-3456-7890", "email": "bkm@example.org"},
    "complaints": "Sampaikan pengaduan lewat WhatsApp atau kotak saran di sekretariat.\n",
}


def load_yaml(path: Path):
    """A data file as the tests' independent oracle reads it: plain PyYAML, not the package's loader (whose fast
    path is libyaml's parser, so the oracle keeps PyYAML's own)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def demo_site_url() -> str:
    """The demo's ``site_url`` as MkDocs reads it (``!ENV`` included)."""
    from mkdocs.utils.yaml import yaml_load

    return yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def demo_programmes() -> dict[str, dict]:
    return {p.stem: load_yaml(p) for p in sorted((REPO / "data" / "programmes").glob("*.yml"))}


def demo_reports() -> dict[str, dict]:
    return {p.stem: load_yaml(p) for p in sorted((REPO / "data" / "reports").glob("*.yml"))}


def minimal_programme(**overrides) -> dict:
    """A valid ongoing programme that needs no other file (no photos, partners or plan)."""
    programme = {
        "title": "Perbaikan Jalan Lingkungan RT 03/RW 04",
        "sector": "lingkungan",
        "status": "ongoing",
        "location": "RT 03/RW 04",
        "start": date(2025, 3, 1),
        "summary": "Jalan paving 220 m untuk 85 KK.",
        "description": "Jalan lingkungan diperbaiki dengan paving block.\n",
        "funding": [
            {"source": "BLM", "planned": 75_000_000, "received": 75_000_000},
            {"source": "swadaya", "planned": 12_500_000, "received": 9_800_000, "in_kind": True},
        ],
        "outputs": [{"label": "Jalan paving", "volume": 220, "unit": "m"}],
        "beneficiaries": {"households": 85, "poor_households": 41, "people": 312, "women": 160},
        "progress": 60,
        "updates": [{"date": date(2025, 4, 10), "title": "Pengecoran tahap I selesai", "body": "Sudah 120 m."}],
    }
    programme.update(copy.deepcopy(overrides))
    return programme


def minimal_report(**overrides) -> dict:
    """A valid, balanced report for period 2025 whose entries name no programme.

    closing_balance is recomputed from the (possibly overridden) income and
    expenses unless it is overridden itself, so `minimal_report(income=[...])`
    stays balanced and `minimal_report(closing_balance=1)` does not.
    """
    report = {
        "period": 2025,
        "opening_balance": 12_000_000,
        "income": [
            {"date": date(2025, 1, 15), "source": "BLM", "description": "Pencairan BLM tahap I", "amount": 50_000_000},
        ],
        "expenses": [
            {
                "date": date(2025, 2, 3),
                "category": "material",
                "description": "Paving block 1.200 buah",
                "amount": 30_000_000,
            },
        ],
    }
    report.update(copy.deepcopy(overrides))
    if "closing_balance" not in overrides:
        report["closing_balance"] = (
            report["opening_balance"]
            + sum(i["amount"] for i in report["income"])
            - sum(e["amount"] for e in report["expenses"])
        )
    return report


# --- the tests' commands ----------------------------------------------------------

FORKED_MODULES = {"mkdocs", "bkm_site"}
"""Commands (``-m <module>``) that run in a process forked from tests/forkserver.py on Linux, which has their
imports done: each is still a fresh process with its own directory, environment, output and exit code.
``BKM_TEST_FORK=0`` runs them as plain processes."""


class _ForkServer:
    """tests/forkserver.py, one per xdist worker, started at the first command; None where it cannot run."""

    process: subprocess.Popen | None = None
    failed = False
    pending = b""

    @classmethod
    def get(cls) -> subprocess.Popen | None:
        if cls.process is not None and cls.process.poll() is None:
            return cls.process
        if cls.failed or not sys.platform.startswith("linux") or os.environ.get("BKM_TEST_FORK") == "0":
            return None
        cls.process = subprocess.Popen(
            [*PYTHON, str(REPO / "tests" / "forkserver.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
            bufsize=0,
        )
        cls.pending = b""
        if cls.answer(timeout=120) != {"ready": True}:  # an import failed: commands run as plain processes
            cls.stop()
            cls.failed = True
            return None
        return cls.process

    @classmethod
    def answer(cls, timeout: float | None):
        import select

        fd = cls.process.stdout.fileno()
        while b"\n" not in cls.pending:
            if not select.select([fd], [], [], timeout)[0]:
                raise subprocess.TimeoutExpired("forkserver", timeout)
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            cls.pending += chunk
        line, cls.pending = cls.pending.split(b"\n", 1)
        return json.loads(line)

    @classmethod
    def stop(cls) -> None:
        if cls.process is not None:
            cls.process.kill()
            cls.process.wait()
            cls.process = None


def run_python(*args: str, cwd, env=None, timeout: float = BUILD_TIMEOUT, merge: bool = False):
    """``python -W error::DeprecationWarning *args`` as a process of its own, like ``subprocess.run(...,
    capture_output=True, text=True)`` (``merge``: stderr into stdout, as ``stderr=STDOUT``)."""
    env = dict(os.environ if env is None else env)
    server = _ForkServer.get() if args[:1] == ("-m",) and args[1] in FORKED_MODULES else None
    if server is None:
        return subprocess.run(
            [*PYTHON, *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merge else subprocess.PIPE,
            text=True,
            timeout=timeout,
        )
    import locale
    import tempfile

    with tempfile.TemporaryDirectory(prefix="command-") as scratch:
        out = Path(scratch) / "stdout"
        err = out if merge else Path(scratch) / "stderr"
        request = {"argv": list(args), "cwd": str(cwd), "env": env, "stdout": str(out), "stderr": str(err)}
        server.stdin.write(json.dumps(request).encode() + b"\n")
        pid = _ForkServer.answer(timeout=60)["pid"]
        try:
            answer = _ForkServer.answer(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(pid, 9)
            _ForkServer.answer(timeout=60)
            raise subprocess.TimeoutExpired([*PYTHON, *args], timeout) from None
        if answer is None:
            _ForkServer.stop()
            raise RuntimeError("tests/forkserver.py stopped")

        def read(path: Path) -> str:
            with open(path, encoding=locale.getpreferredencoding(False)) as file:  # text=True's decoding
                return file.read()

        stdout = read(out)
        stderr = None if merge else read(err)
    return subprocess.CompletedProcess([*PYTHON, *args], answer["code"], stdout, stderr)


# --- throw-away sites --------------------------------------------------------


@dataclass
class Run:
    """What a user sees from a command: exit code and the text it printed."""

    returncode: int
    output: str  # stdout + stderr
    site_dir: Path


@dataclass
class Site:
    path: Path

    @property
    def config_file(self) -> Path:
        return self.path / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        return self.path / "site"

    def _run(self, *args: str) -> Run:
        proc = run_python(*args, cwd=self.path, merge=True)
        return Run(proc.returncode, proc.stdout, self.site_dir)

    def build(self, strict: bool = True) -> Run:
        """`mkdocs build` in a subprocess, as a user runs it: exit code and message, never raises."""
        return self._run("-m", "mkdocs", "build", *(["--strict"] if strict else []), "-f", str(self.config_file))

    def build_inprocess(self) -> Path:
        """Fast strict build for HTML-only tests; raises on failure. Returns the site dir."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(config_file=str(self.config_file), strict=True))
        return self.site_dir

    def check(self) -> Run:
        """`bkm-site check <dir>` in a subprocess."""
        return self._run("-m", "bkm_site", "check", str(self.path))


def build_on_demo_day(root: Path) -> Path:
    """An in-process build of a demo copy dated like the session's demo build, so both have the same "today"."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
        return Site(root).build_inprocess()


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML writes YAML 1.1: it leaves ``0012345678`` unquoted, which YAML 1.2 (VS Code, the loader) reads as
    a number. Text that 1.2 would read as anything but text is quoted. libyaml's emitter where PyYAML has it
    (fifteen times faster; it writes a character beyond U+FFFF as an escape, which reads back the same)."""


def _represent_text(dumper: yaml.SafeDumper, text: str):
    from bkm_site.core.loading.yamlfile import BOOL, FLOAT, INT, NULL

    node = dumper.represent_str(text)
    if node.style is None and any(rx.match(text) for rx in (BOOL, FLOAT, INT, NULL)):
        node.style = "'"
    return node


_Dumper.add_representer(str, _represent_text)


def dump_yaml(data) -> str:
    """Data as a user would write it, as YAML 1.2 reads it back."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def _write(path: Path, content) -> None:
    """Dicts and lists become YAML; str and bytes are written verbatim (broken YAML on purpose)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(dump_yaml(content), encoding="utf-8")


@pytest.fixture
def make_site(tmp_path):
    """Factory: make_site(bkm=MINIMAL_BKM, *, programmes=None, reports=None, partners=None,
    plan=None, achievements=None, content=None, mkdocs=None) -> Site.

    programmes/reports map slug -> dict|str; content maps a path under content/
    to str|bytes; mkdocs is a dict merged over the default mkdocs.yml (top-level
    keys replace) or a str written verbatim. bkm=None writes no bkm.yml.
    Each call makes a new directory.
    """
    count = 0

    def make(
        bkm=MINIMAL_BKM,
        *,
        programmes=None,
        reports=None,
        partners=None,
        plan=None,
        achievements=None,
        content=None,
        mkdocs=None,
    ) -> Site:
        nonlocal count
        count += 1
        root = tmp_path / f"site{count}"
        config = {
            "site_name": "BKM Maju Bersama",
            "docs_dir": "content",
            "theme": {"name": "material", "language": "id"},
            "plugins": ["bkm"],
        }
        _write(root / "mkdocs.yml", mkdocs if isinstance(mkdocs, str) else {**config, **(mkdocs or {})})
        (root / "content").mkdir()
        for rel, data in (content or {}).items():
            _write(root / "content" / rel, data)
        data_dir = root / "data"
        data_dir.mkdir()
        if bkm is not None:
            _write(data_dir / "bkm.yml", bkm)
        for kind, files in (("programmes", programmes), ("reports", reports)):
            for slug, data in (files or {}).items():
                _write(data_dir / kind / f"{slug}.yml", data)
        for name, data in (("partners", partners), ("plan", plan), ("achievements", achievements)):
            if data is not None:
                _write(data_dir / f"{name}.yml", data)
        return Site(root)

    return make


def search_index(site_dir: Path) -> dict[str, dict]:
    """What Pagefind indexed, by page URL ("/program/x/"): each fragment's text, title, filters.

    A fragment is gzip-compressed JSON behind Pagefind's 12-byte signature.
    """
    records = {}
    for path in (Path(site_dir) / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        record = json.loads(data[len(b"pagefind_dcd") :])
        records[record["url"]] = record
    return records


def html(path) -> BeautifulSoup:
    """Parse a built page; a directory means its index.html (MkDocs' pretty URLs).

    The tree is shared by every caller that reads the same text (the demo's pages are read by many tests, and
    parsing is a fifth of their time): read it, never change it.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "index.html"
    return _parsed(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=64)  # the demo's pages and a test site's: a tree is about 40 times its page
def _parsed(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def strings_outside(node, css_class: str) -> list[str]:
    """The node's strings, stripped, but for those inside an element of ``css_class``: the trees of :func:`html`
    are shared, so a test reads around such elements instead of removing them."""

    def inside(string) -> bool:
        for parent in string.parents:
            if parent is node:
                return False
            if css_class in (parent.get("class") or ()):
                return True
        return False

    return [string.strip() for string in node.strings if string.strip() and not inside(string)]


DEMO_TODAY = date(2026, 12, 1)
"""The day the demo's books are judged at (its interim report, what is covered): pinned, so demo tests do not age."""
DEMO_EPOCH = str(int(datetime(2026, 12, 1, 12, tzinfo=timezone.utc).timestamp()))


@dataclass
class DemoBuild:
    root: Path  # the copy of the repo's demo that was built: read-only for tests
    site_dir: Path
    output: str  # what `mkdocs build --strict` printed


@pytest.fixture(scope="session")
def demo_build(request) -> DemoBuild:
    """The repo's demo, copied and built once per run (all xdist workers), as a user runs it (`mkdocs build --strict`
    in a process of its own, deprecations as errors) on :data:`DEMO_TODAY`."""
    if not (REPO / "mkdocs.yml").is_file():
        pytest.fail(f"no demo site: {REPO / 'mkdocs.yml'} is missing")

    def make(root: Path):
        copy_site(REPO, root, names=("mkdocs.yml", "content", "data", "overrides"))
        proc = subprocess.run(
            [*PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=BUILD_TIMEOUT,
            env={**os.environ, "SOURCE_DATE_EPOCH": DEMO_EPOCH},
        )
        assert proc.returncode == 0, f"the demo does not build:\n{proc.stdout}"
        return proc.stdout

    root, output = shared_build(request, "demo", make)
    return DemoBuild(root, root / "site", output)


@pytest.fixture(scope="session")
def demo_site(demo_build) -> Path:
    """The built demo's site dir (see :func:`demo_build`), for all demo tests."""
    return demo_build.site_dir


@pytest.fixture(scope="session")
def new_site_build(request) -> tuple[Path, Path]:
    """`bkm-site new` into a folder that does not exist yet, then, as the new site comes, `bkm-site check` and
    `mkdocs build --strict`; once per run (all xdist workers). Returns the new site's folder and its site dir."""

    def make(parent: Path):
        command = run_python
        made = command("-m", "bkm_site", "new", "situs-bkm", cwd=parent)
        assert made.returncode == 0, made.stderr
        assert "Situs BKM baru dibuat" in made.stdout
        check = command("-m", "bkm_site", "check", cwd=parent / "situs-bkm")
        assert check.returncode == 0, check.stdout + check.stderr
        assert "BKM Contoh" in check.stdout
        run = Site(parent / "situs-bkm").build(strict=True)
        assert run.returncode == 0, run.output
        return None

    parent, _ = shared_build(request, "new-site", make)
    return parent / "situs-bkm", parent / "situs-bkm" / "site"


def demo_data():
    """The demo's data as the package loads it, on :data:`DEMO_TODAY`: ``demo_data().ledger`` is its ledger."""
    from bkm_site.core.loading import load_site

    return load_site(REPO / "data", REPO / "content", REPO, today=DEMO_TODAY)


# --- browser -----------------------------------------------------------------


def _ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def skip_or_fail(reason: str):
    """Locally a missing browser skips; under CI it fails, so browser tests never silently vanish."""
    if _ci():
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def screenshot(target, name: str, *, full_page: bool = False) -> None:
    """What a reader sees, kept as test-artifacts/``name``.png to look at after a run; not under CI, where no one
    does: a PNG of a whole page costs Chromium two to three times the CPU of loading the page.
    ``BKM_TEST_SCREENSHOTS=1`` or ``0`` decides either way."""
    if os.environ.get("BKM_TEST_SCREENSHOTS", "0" if _ci() else "1") == "0":
        return
    options = {"full_page": True} if full_page else {}
    target.screenshot(path=str(ARTIFACTS / f"{name}.png"), **options)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole session."""
    if not os.access(CHROMIUM, os.X_OK):
        skip_or_fail(f"{CHROMIUM} is missing; `bash scripts/test.sh` installs it (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed; run `bash scripts/test.sh`")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page in its own context (no cookies or storage shared between tests)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser aborting a request is not a test failure


class _KeptHandler(_QuietHandler):
    """Files the browser may keep for the run: fetched once per browser context, not on every page."""

    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=86400, immutable")
        super().end_headers()


@contextlib.contextmanager
def _serving(directory, handler=_QuietHandler):
    """Serve ``directory`` on a free port of 127.0.0.1 while the block runs; yields the base URL."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def serve_dir():
    """Factory: serve_dir(directory) -> "http://127.0.0.1:<port>/"; servers stop after the test."""
    with contextlib.ExitStack() as servers:
        yield lambda directory: servers.enter_context(_serving(directory))


@pytest.fixture(scope="session")
def demo_url(demo_site, tmp_path_factory) -> str:
    """The built demo served once for the session under its site_url's path (``/bkm-site/``), as
    GitHub Pages serves it, so the 404 page's absolute links resolve too. Returns the base URL."""
    from urllib.parse import urlsplit

    prefix = urlsplit(demo_site_url()).path.strip("/")
    root = tmp_path_factory.mktemp("served")
    target = root / prefix if prefix else root
    target.parent.mkdir(parents=True, exist_ok=True)
    if prefix:
        target.symlink_to(demo_site, target_is_directory=True)
    with _serving(root if prefix else demo_site) as url:
        yield url + (f"{prefix}/" if prefix else "")


@pytest.fixture(scope="session")
def axe():
    """axe(tab): axe-core's violations on the tab's page. Its browser build comes from a server of its own that
    lets the browser keep it, so a tab that visits many pages fetches it once; only the violations come back."""
    path = NODE_TOOLS / "axe-core" / "axe.min.js"
    if not path.is_file():
        skip_or_fail(f"{path} is missing; `bash scripts/test.sh` installs it (npm ci in tests/)")
    with _serving(path.parent, _KeptHandler) as url:

        def violations(tab) -> list[dict]:
            tab.add_script_tag(url=url + path.name)
            return tab.evaluate("axe.run(document, {resultTypes: ['violations']}).then(result => result.violations)")

        yield violations


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The Nu HTML Checker (vnu.jar) and a java to run it."""
    path = NODE_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not path.is_file():
        skip_or_fail(f"{path} is missing; `bash scripts/test.sh` installs it (npm ci in tests/)")
    if not shutil.which("java"):
        skip_or_fail("java is missing; `bash scripts/test.sh` installs it (apt-get install default-jre-headless)")
    return path
