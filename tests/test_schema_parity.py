"""The JSON Schema VS Code checks with and the loader the build runs give one verdict per file.

Both read the file as YAML 1.2. Rules the schema cannot express are the only
exceptions, each listed with the rule family it belongs to.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from jsonschema import Draft7Validator

from bkm_site.core.editor_schema import editor_schemas
from bkm_site.core.loading import DataError, load_site
from bkm_site.core.loading.yamlfile import parse_yaml

VALIDATORS = {name: Draft7Validator(schema) for name, schema in editor_schemas().items()}

BEYOND_SCHEMA = {
    # other files: references, duplicates across files, photos and documents on disk, pages in content/
    "missing-partner": "reference to partners.yml",
    "missing-partners-file": "reference to partners.yml",
    "missing-plan-item": "reference to plan.yml",
    "report-names-missing-programme": "reference to programmes/",
    "story-names-missing-programme": "reference to programmes/",
    "deleted-programme-named-twice": "reference to programmes/",
    "duplicate-report-period": "two report files",
    "two-programmes-one-title": "two programme files",
    "missing-photo": "file on disk",
    "photo-name-in-other-case": "file on disk",
    "missing-audit-document": "file on disk",
    "path-with-content-prefix": "file on disk (content/ could be a folder of content/)",
    "missing-bkm-yml": "file on disk",
    "yaml-extension": "file name",
    "folder-name-in-indonesian": "file name",
    "programme-in-sub-folder": "file name",
    "unknown-data-file": "file name",
    "file-name-not-a-slug": "file name",
    "programme-saved-as-yaml": "file name",
    "phone-in-content-page": "page in content/",
    "nik-in-content-page": "page in content/",
    "content-page-not-utf8": "page in content/",
    # sums and comparisons between fields of one file
    "spent-above-received": "sum of funding lines",
    "closing-balance-mismatch": "sum of income and expenses",
    "entry-outside-period": "date against the period",
    "entry-outside-quarter": "date against the period",
    "completed-with-progress-60": "two fields",
    "end-before-start": "two fields",
    "partner-on-blm-line": "two fields",
    "women-more-than-people": "two fields",
    "plan-year-outside-period": "two fields",
    "duplicate-partner-slug": "two entries",
    "duplicate-plan-id": "two entries",
    "story-full-name": "names against a list of honorifics",
    # privacy: numbers inside free text (the BKM's own number, in bkm.yml, is allowed everywhere)
    "nik-in-description": "privacy scan of text",
    "nik-with-spaces-in-story": "privacy scan of text",
    "phone-in-report": "privacy scan of text",
    "phone-in-bkm-about": "privacy scan of text",
    # what YAML itself leaves out of the data: the text as typed
    "comment-eats-title": "a comment is not data",
    "amount-thousands-dot-round": "45.000 is the number 45 to JSON Schema; only the loader sees the typed dot. "
    "A report line may honestly be small (bank interest, a fee), so no minimum can stand in for it; a planned "
    "amount can: PlannedMoney refuses 1-999 in both",
}
"""Case → why the schema cannot refuse it, though the loader does."""


def verdicts(site_path: Path) -> tuple[set[str], set[str]]:
    """(files the schema refuses, files the loader refuses), relative to the site."""
    schema_bad = set()
    for path in sorted((site_path / "data").rglob("*.yml")):
        rel = path.relative_to(site_path).as_posix()
        kind = {"programmes": "programme", "reports": "report"}.get(path.parent.name, path.stem)
        if kind not in VALIDATORS:
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            schema_bad.add(rel)  # the editor shows it as broken text
            continue
        doc, problems = parse_yaml(text, rel)
        if doc is None or problems or not VALIDATORS[kind].is_valid(doc.data):
            schema_bad.add(rel)
    try:
        load_site(site_path / "data", site_path / "content", site_path)
        loader_bad: set[str] = set()
    except DataError as error:
        loader_bad = {p.file for p in error.problems}
    return schema_bad, loader_bad


def test_the_demo_and_the_scaffold_are_valid_to_both():
    for root in (REPO, REPO / "bkm_site" / "scaffold"):
        assert verdicts(root) == (set(), set()), root


def corpus():
    from test_editor_mistakes import EXACT
    from test_validation import CASES

    return [(c.id, c.files) for c in CASES] + [(c.id, c.files) for c in EXACT if c.language == "id"]


@pytest.mark.parametrize(("case_id", "files"), corpus(), ids=[c for c, _ in corpus()])
def test_schema_and_loader_agree_on_every_bad_input(case_id, files, make_site):
    from test_validation import make

    class Files:
        def __init__(self, files):
            self.files = files

    site = make(make_site, Files(files))
    schema_bad, loader_bad = verdicts(site.path)
    data_files = {f for f in loader_bad if f.startswith("data/") and f.endswith(".yml")}
    if case_id in BEYOND_SCHEMA:
        assert not (schema_bad & data_files), f"{case_id}: listed as beyond the schema, yet the schema refuses it"
    else:
        assert schema_bad == data_files, (case_id, schema_bad, loader_bad)


def test_every_listed_exception_is_a_real_case():
    assert set(BEYOND_SCHEMA) - {c for c, _ in corpus()} == set()
