"""libyaml's C parser and PyYAML's pure-Python one read every file alike: the same data, the same line and
character of every key and value, and on every bad input of the corpus the same problems.

The build composes with the C parser where PyYAML has it (about fifteen times faster) and falls back to the pure
one, which also names every parser error; a difference between them would show an editor another message, or
another position, depending on how PyYAML was installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO
from test_schema_parity import corpus
from test_validation import make

from bkm_site.core.loading import DataError, load_site, yamlfile
from bkm_site.core.loading.yamlfile import parse_yaml

pytestmark = pytest.mark.skipif(yamlfile._FastLoader is None, reason="PyYAML without libyaml: only one loader")


class Files:
    def __init__(self, files: dict):
        self.files = files


def problems(site_path: Path) -> list[tuple]:
    try:
        load_site(site_path / "data", site_path / "content", site_path)
    except DataError as error:
        return [(p.file, p.line, p.column, p.field, p.message, p.hint) for p in error.problems]
    return []


def read(text: str) -> tuple:
    doc, found = parse_yaml(text, "data/x.yml")
    shape = None
    if doc is not None:
        shape = (doc.data, doc.values, doc.keys, doc.raw, doc.duplicate_keys, doc.comments, doc.splits)
    return shape, [(p.line, p.column, p.message, p.hint) for p in found]


def both_ways(monkeypatch, read_it, *args):
    fast = read_it(*args)
    with monkeypatch.context() as pure:
        pure.setattr(yamlfile, "_FastLoader", None)
        return fast, read_it(*args)


@pytest.mark.parametrize(("case_id", "files"), corpus(), ids=[c for c, _ in corpus()])
def test_both_loaders_find_the_same_problems_in_every_bad_input(case_id, files, make_site, monkeypatch):
    site = make(make_site, Files(files))
    fast, pure = both_ways(monkeypatch, problems, site.path)
    assert fast, f"{case_id} is no bad input"
    assert fast == pure
    for path in sorted((site.path / "data").rglob("*.y*ml")):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        fast, pure = both_ways(monkeypatch, read, text)
        assert fast == pure, path.name


def test_both_loaders_read_the_demo_and_the_scaffold_alike(monkeypatch):
    files = sorted([*(REPO / "data").rglob("*.yml"), *(REPO / "bkm_site" / "scaffold" / "data").rglob("*.yml")])
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast, pure = both_ways(monkeypatch, read, text)
        assert fast[0] is not None and not fast[1], path
        assert fast == pure, path


def test_the_size_after_aliases_is_counted_without_writing_them_out():
    from bkm_site.core.loading.yamlfile import MAX_NODES, _expanded_size

    def size(text: str) -> int:
        return _expanded_size(yaml.compose(text))

    assert size("a: 1\nb: [1, 2]\n") == 5  # the mapping, two values, the list's two items
    assert size("a: &x [1, 2, 3]\nb: *x\nc: *x\n") == 13  # the list counted each time it is written out
    assert size("a: &a [x, *a]\n") >= MAX_NODES
    bomb = "a: &a [" + ", ".join(["x"] * 10) + "]\n"
    bomb += "".join(f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdef", "bcdefg", strict=False))
    assert size(bomb) >= MAX_NODES
