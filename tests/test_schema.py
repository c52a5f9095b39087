"""The JSON Schemas editors get (`bkm-site schema`, the scaffold's modelines) agree with the validator.

Both the loader and ``jsonschema`` read the same YAML (through the project's
reader, so dates stay text as they do for the YAML language server). What a
JSON Schema cannot say is listed in ``ONLY_THE_LOADER_CATCHES`` and proven: each
of those cases passes the schema and fails the loader.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import MINIMAL_BKM, REPO, minimal_programme, minimal_report, run_python
from jsonschema import Draft7Validator, Draft202012Validator

from bkm_site.core.editor_schema import editor_schemas
from bkm_site.core.loading import DataError, load_site
from bkm_site.core.loading.yamlfile import read_yaml
from bkm_site.core.schema import schemas

SCHEMAS = schemas()
EDITOR_SCHEMAS = editor_schemas()
VALIDATORS = {
    name: Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for name, schema in SCHEMAS.items()
}
EDITOR_VALIDATORS = {
    name: Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    for name, schema in EDITOR_SCHEMAS.items()
}


def schema_name(data_file: Path, data_dir: Path) -> str:
    rel = data_file.relative_to(data_dir)
    return (
        {"programmes": "programme", "reports": "report"}.get(rel.parts[0], rel.stem) if len(rel.parts) > 1 else rel.stem
    )


def schema_errors(data_file: Path, data_dir: Path) -> list[str]:
    doc, problems = read_yaml(data_file, data_file.name)
    assert doc is not None, problems
    name = schema_name(data_file, data_dir)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATORS[name].iter_errors(doc.data)]
    editor_errors = list(EDITOR_VALIDATORS[name].iter_errors(doc.data))
    assert bool(errors) == bool(editor_errors), (
        f"draft 2020-12 and the editors' draft-07 copy disagree: {errors} / {editor_errors}"
    )
    return errors


def test_every_schema_is_a_valid_schema_for_its_data_file():
    assert set(SCHEMAS) == set(EDITOR_SCHEMAS) == {"bkm", "programme", "report", "partners", "plan", "achievements"}
    for name, schema in SCHEMAS.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["description"].startswith("data/"), name
    for schema in EDITOR_SCHEMAS.values():
        Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert not [node for node in _nodes(schema) if "$ref" in node and len(node) > 1], (
            "draft-07 ignores a $ref's siblings"
        )


def _nodes(schema):
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from _nodes(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _nodes(value)


def _properties(schema: dict):
    for owner in [schema, *schema.get("$defs", {}).values()]:
        for prop, spec in owner.get("properties", {}).items():
            yield owner.get("title", "?"), prop, spec


def test_every_field_is_described_in_indonesian_and_english():
    for name, schema in SCHEMAS.items():
        for owner, prop, spec in _properties(schema):
            description = spec.get("description", "")
            assert " / " in description, f"{name}: {owner}.{prop} needs 'Indonesian. / English.' ({description!r})"


def _variant(spec: dict) -> dict:
    """The non-null branch of an optional field."""
    return next((s for s in spec.get("anyOf", []) if s.get("type") != "null"), spec)


def test_enums_and_examples_guide_the_editor():
    programme = SCHEMAS["programme"]
    assert programme["properties"]["sector"]["enum"] == ["lingkungan", "sosial", "ekonomi"]
    assert programme["properties"]["status"]["enum"] == ["planned", "ongoing", "completed"]
    funding = programme["$defs"]["FundingLine"]["properties"]
    assert "swadaya" in funding["source"]["enum"] and "CSR" in funding["source"]["enum"]
    assert funding["planned"]["examples"] == [75000000] and funding["planned"]["minimum"] == 0
    assert programme["$defs"]["DocPhoto"]["properties"]["stage"]["enum"] == [0, 50, 100]
    start = programme["properties"]["start"]
    assert start["type"] == "string" and "format" not in start  # "date" would refuse 2025-7-1, which the build reads
    assert re.match(start["pattern"], "2025-7-1") and not re.match(start["pattern"], "2025-02-30")
    assert "pattern" in _variant(programme["properties"]["plan_item"])
    assert SCHEMAS["partners"]["items"]["$ref"].endswith("/Partner")
    partner = SCHEMAS["partners"]["$defs"]["Partner"]["properties"]
    assert partner["kind"]["enum"] == ["pemerintah", "swasta", "perguruan_tinggi", "lsm", "komunitas"]
    assert SCHEMAS["report"]["properties"]["period"]["examples"] == [2025, "2025-Q3", "2025-03"]
    assert "slug" not in SCHEMAS["programme"]["properties"], "the slug is the file name; writing it is an error"


@pytest.mark.parametrize("data_dir", [REPO / "data", REPO / "bkm_site" / "scaffold" / "data"], ids=["demo", "scaffold"])
def test_valid_data_is_valid_under_the_schemas(data_dir):
    files = sorted(data_dir.rglob("*.yml"))
    assert len(files) >= 6
    for data_file in files:
        assert schema_errors(data_file, data_dir) == [], data_file


# --- the same mistakes, judged by both ----------------------------------------

PARTNERS = [{"slug": "pt-sumber-rejeki", "name": "PT Sumber Rejeki", "kind": "swasta"}]
PLAN = {
    "title": "PJM Pronangkis 2024-2026",
    "period": {"start": 2024, "end": 2026},
    "items": [
        {"id": "pjm-2025-01", "title": "Jalan lingkungan", "sector": "lingkungan", "year": 2025, "budget": 90000000}
    ],
}
ACHIEVEMENTS = {"milestones": [{"date": date(2023, 11, 5), "title": "BKM terbaik tingkat kota"}]}


def _edit(data, path: tuple, value):
    """A copy of ``data`` with the value at ``path`` replaced (``...`` deletes it)."""
    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def programme(path, value):
    return "programme", _edit(minimal_programme(partners=["pt-sumber-rejeki"]), path, value)


def report(path, value):
    return "report", _edit(minimal_report(), path, value)


def bkm(path, value):
    return "bkm", _edit(MINIMAL_BKM, path, value)


BOTH_REJECT = {
    "money as text": programme(("funding", 0, "planned"), "Rp 75.000.000"),
    "float money": programme(("funding", 0, "received"), 75000000.5),
    "negative money": report(("opening_balance",), -12000000),
    "unknown key": programme(("tittle",), "Jalan"),
    "bad status": programme(("status",), "berjalan"),
    "bad sector": programme(("sector",), "infrastruktur"),
    "bad funding source": programme(("funding", 0, "source"), "PNPM"),
    "bad period": report(("period",), "2025-Q5"),
    "progress 120": programme(("progress",), 120),
    "count as words": programme(("beneficiaries", "households"), "banyak"),
    "negative count": programme(("beneficiaries", "people"), -3),
    "missing required field": programme(("summary",), ...),
    "bad slug reference format": programme(("partners", 0), "PT Sumber Rejeki"),
    "funding as a mapping": programme(("funding",), {"source": "BLM", "planned": 1000}),
    "day-first date": programme(("start",), "01-03-2025"),
    "impossible date": programme(("start",), "2025-02-30"),
    "photo stage 30": programme(("documentation",), [{"stage": 30, "photo": "images/a.jpg"}]),
    "absolute photo path": programme(("cover",), "/home/sekretaris/foto.jpg"),
    "photo outside content": programme(("cover",), "../foto.jpg"),
    "slug written in the file": programme(("slug",), "paving-rt03"),
    "repayment rate 120": report(
        ("loans",), {"borrowers": 10, "disbursed": 1, "outstanding": 1, "repayment_rate": 120, "par_30": 1}
    ),
    "account number as a number": bkm(
        ("donation",), {"bank": "Bank BJB", "account_number": 12345678901, "account_name": "BKM"}
    ),
    "email without @": bkm(("contact", "email"), "bkm-at-example.org"),
    "website without http": bkm(("contact", "website"), "www.example.org"),
    "profile as a list": ("bkm", [MINIMAL_BKM]),
    "bad partner kind": ("partners", _edit(PARTNERS, (0, "kind"), "perusahaan")),
    "plan year 1800": ("plan", _edit(PLAN, ("items", 0, "year"), 1800)),
    "milestone without title": ("achievements", _edit(ACHIEVEMENTS, ("milestones", 0, "title"), ...)),
}

ONLY_THE_LOADER_CATCHES = {
    # Rules that span files or need arithmetic, the disk or text scanning: a JSON Schema
    # for one file cannot state them, so the YAML language server stays silent and
    # `bkm-site check` / the build report them.
    "reference to a partner that does not exist": programme(("partners", 0), "pt-tidak-ada"),
    "reference to a plan item that does not exist": programme(("plan_item",), "pjm-2099-01"),
    "photo file that does not exist": programme(("cover",), "images/tidak-ada.jpg"),
    "closing balance that does not add up": report(("closing_balance",), 1),
    "transaction outside the report period": report(("income", 0, "date"), "2024-12-31"),
    "completed programme at 60 %": (
        "programme",
        minimal_programme(partners=["pt-sumber-rejeki"], status="completed", end=date(2025, 6, 30), progress=60),
    ),
    "spent more than received": programme(("spent",), 999_000_000),
    "more poor households than households": programme(("beneficiaries", "poor_households"), 500),
    "partner on a BLM funding line": programme(("funding", 0, "partner"), "pt-sumber-rejeki"),
    "end before start": programme(("end",), "2025-01-01"),
    "a NIK in the text": programme(("description",), "Penerima: NIK 3273012345678901."),
    # JSON Schema counts 75000000.0 as an integer; the loader refuses any float for money.
    "money with a zero decimal": programme(("funding", 0, "planned"), 75000000.0),
}


def _site(make_site, kind: str, data):
    files = {
        "bkm": MINIMAL_BKM,
        "programme": minimal_programme(partners=["pt-sumber-rejeki"]),
        "report": minimal_report(),
        "partners": PARTNERS,
        "plan": PLAN,
        "achievements": ACHIEVEMENTS,
        kind: data,
    }
    site = make_site(
        files["bkm"],
        programmes={"paving-rt03": files["programme"]},
        reports={"2025": files["report"]},
        partners=files["partners"],
        plan=files["plan"],
        achievements=files["achievements"],
    )
    data_dir = site.path / "data"
    written = {"bkm": "bkm.yml", "programme": "programmes/paving-rt03.yml", "report": "reports/2025.yml"}.get(
        kind, f"{kind}.yml"
    )
    return site, data_dir / written


def _loader_problems(site) -> list:
    try:
        load_site(site.path / "data", site.path / "content", site.path)
    except DataError as err:
        return err.problems
    return []


def test_the_unedited_base_passes_both(make_site):
    site, _data_file = _site(make_site, "programme", minimal_programme(partners=["pt-sumber-rejeki"]))
    assert _loader_problems(site) == []
    for path in sorted((site.path / "data").rglob("*.yml")):
        assert schema_errors(path, site.path / "data") == [], path


@pytest.mark.parametrize("case", list(BOTH_REJECT), ids=list(BOTH_REJECT))
def test_schema_and_loader_both_reject(make_site, case):
    kind, data = BOTH_REJECT[case]
    site, data_file = _site(make_site, kind, data)
    assert _loader_problems(site), f"{case}: the loader accepted it"
    assert schema_errors(data_file, site.path / "data"), f"{case}: the JSON Schema accepted it"


@pytest.mark.parametrize("case", list(ONLY_THE_LOADER_CATCHES), ids=list(ONLY_THE_LOADER_CATCHES))
def test_rules_the_schema_cannot_express_are_caught_by_the_loader(make_site, case):
    kind, data = ONLY_THE_LOADER_CATCHES[case]
    site, data_file = _site(make_site, kind, data)
    assert _loader_problems(site), f"{case}: the loader accepted it"
    assert schema_errors(data_file, site.path / "data") == [], (
        f"{case}: the schema catches it after all; move it to BOTH_REJECT"
    )


def test_bkm_site_schema_writes_every_schema(tmp_path):
    out = tmp_path / "skema"
    proc = run_python("-m", "bkm_site", "schema", "--out", str(out), cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    written = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in out.glob("*.schema.json")}
    assert written == {f"{name}.schema.json": schema for name, schema in EDITOR_SCHEMAS.items()}
    assert "6 skema JSON" in proc.stdout


# --- the Format Data page stays true to the models ------------------------------

FORMAT_PAGE = REPO / "bkm_site" / "scaffold" / "content" / "panduan" / "format-data.md"


def _resolve(node: dict, defs: dict) -> dict:
    while True:
        if "$ref" in node:
            node = defs[node["$ref"].split("/")[-1]]
        elif "anyOf" in node:
            node = next(n for n in node["anyOf"] if n.get("type") != "null")
        elif node.get("type") == "array" and "items" in node:
            node = node["items"]
        else:
            return node


def _fields(schema: dict):
    """(section, object schema) for the file and every object within it: `funding`, `loans`, ..."""
    defs = schema.get("$defs", {})
    stack = [("", schema)]
    while stack:
        label, node = stack.pop(0)
        node = _resolve(node, defs)
        if "properties" in node:
            yield label, node
            stack += [(f"{label} › {prop}" if label else prop, spec) for prop, spec in node["properties"].items()]


def test_format_page_lists_exactly_the_required_fields():
    page = FORMAT_PAGE.read_text(encoding="utf-8")
    table = page[page.index("| Berkas | Bagian | Kolom wajib |") :].split("\n\n")[0].splitlines()[2:]
    written = {tuple(cell.strip() for cell in row.strip("|").split("|")) for row in table}
    expected = set()
    for _name, schema in SCHEMAS.items():
        data_file = schema["description"].split(":")[0].removeprefix("data/")
        for label, node in _fields(schema):
            if node.get("required"):
                expected.add(
                    (
                        f"`{data_file}`",
                        f"`{label}`" if label else "(utama)",
                        ", ".join(f"`{r}`" for r in node["required"]),
                    )
                )
    assert written == expected


def test_format_page_shows_every_field():
    page = FORMAT_PAGE.read_text(encoding="utf-8")
    for name, schema in SCHEMAS.items():
        for label, node in _fields(schema):
            for prop, spec in node["properties"].items():
                assert f"{prop}:" in page, f"{name}: {label or '(top)'} › {prop} is missing from {FORMAT_PAGE.name}"
                for choice in _resolve(spec, schema.get("$defs", {})).get("enum", []):
                    assert f"`{choice}`" in page or f" {choice}" in page, f"{prop}: choice {choice} is not shown"


def test_bkm_site_schema_says_when_it_cannot_write(tmp_path):
    (tmp_path / "berkas.txt").write_text("x", encoding="utf-8")
    proc = run_python(
        "-m", "bkm_site", "schema", "--out", str(tmp_path / "berkas.txt" / "schema"), cwd=tmp_path, timeout=60
    )
    assert proc.returncode == 1 and "Tidak bisa menulis" in proc.stderr and "Traceback" not in proc.stderr
