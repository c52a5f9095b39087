"""Open data: the exports parse back (JSON and CSV) to the numbers in the YAML, and match their schemas."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from conftest import (
    MINIMAL_BKM,
    REPO,
    demo_data,
    demo_programmes,
    demo_reports,
    demo_site_url,
    html,
    minimal_programme,
    minimal_report,
)
from conftest import load_yaml as load

DATA = REPO / "data"
DATASETS = ("programmes", "funding", "outputs", "reports", "transactions", "loans", "partners", "plan")


def read_json(site: Path, name: str):
    return json.loads((site / "data-terbuka" / f"{name}.json").read_text(encoding="utf-8"))


def read_csv(site: Path, name: str) -> list[dict]:
    raw = (site / "data-terbuka" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def as_csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def iso(value):
    """YAML dates as ISO text, as the exports hold them."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    return value


@pytest.mark.parametrize("name", DATASETS)
def test_json_matches_its_schema_and_csv_holds_the_same_values(demo_site, name):
    records = read_json(demo_site, name)
    schema = json.loads((demo_site / "data-terbuka" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(records)
    assert records, f"{name}.json is empty"
    rows = read_csv(demo_site, name)
    assert list(rows[0]) == list(records[0])
    assert rows == [{k: as_csv_text(v) for k, v in rec.items()} for rec in records]


def test_programmes_export_figures_equal_yaml_sums(demo_site):
    data = demo_programmes()
    exported = {rec["slug"]: rec for rec in read_json(demo_site, "programmes")}
    assert set(exported) == set(data)
    for slug, p in data.items():
        rec = exported[slug]
        planned = sum(line["planned"] for line in p["funding"])
        received = sum(line.get("received", 0) for line in p["funding"])
        in_kind = sum(line.get("received", 0) for line in p["funding"] if line.get("in_kind"))
        spent = p.get("spent", 0)
        assert (rec["target"], rec["received"], rec["received_cash"], rec["received_in_kind"]) == (
            planned,
            received,
            received - in_kind,
            in_kind,
        )
        assert (rec["spent"], rec["remaining"], rec["shortfall"]) == (
            spent,
            received - spent,
            max(planned - received, 0),
        )
        assert type(rec["target"]) is int and type(rec["received"]) is int
        books = demo_data().ledger.programme(slug)
        assert rec["covered"] == books.covered
        if "spent" in books.computed:  # left out, so computed: tagged expenses + in-kind received
            tagged = [x for r in demo_reports().values() for x in r["expenses"] if x.get("programme") == slug]
            assert rec["spent"] == sum(x["amount"] for x in tagged) + in_kind
        tagged_in = {
            s for s, r in demo_reports().items() for x in r["income"] + r["expenses"] if x.get("programme") == slug
        }
        assert set(rec["reports"]) == tagged_in
        assert rec["people"] == p["beneficiaries"].get("people", 0)
        assert rec["start"] == iso(p["start"]) and rec["sector"] == p["sector"]
        partners = set(p.get("partners", [])) | {line["partner"] for line in p["funding"] if line.get("partner")}
        assert rec["partners"] == sorted(partners)
    funding = read_json(demo_site, "funding")
    assert len(funding) == sum(len(p["funding"]) for p in data.values())
    assert sum(f["received"] for f in funding) == sum(rec["received"] for rec in exported.values())
    csv_received = sum(int(row["received"]) for row in read_csv(demo_site, "funding"))
    assert csv_received == sum(line.get("received", 0) for p in data.values() for line in p["funding"])


def test_report_exports_equal_yaml(demo_site):
    data = demo_reports()
    exported = {rec["slug"]: rec for rec in read_json(demo_site, "reports")}
    lines = read_json(demo_site, "transactions")
    for slug, r in data.items():
        income = sum(line["amount"] for line in r["income"])
        expenses = sum(line["amount"] for line in r["expenses"])
        rec = exported[slug]
        assert (rec["opening_balance"], rec["total_income"], rec["total_expenses"], rec["closing_balance"]) == (
            r["opening_balance"],
            income,
            expenses,
            r["opening_balance"] + income - expenses,
        )
        assert rec["audit_opinion"] == (r.get("audit") or {}).get("opinion")
        mine = [line for line in lines if line["report"] == slug]
        assert sorted(line["amount"] for line in mine if line["kind"] == "income") == sorted(
            line["amount"] for line in r["income"]
        )
        assert sum(line["amount"] for line in mine if line["kind"] == "expense") == expenses
        assert {line["description"] for line in mine} == {line["description"] for line in r["income"] + r["expenses"]}
    loans = {rec["report"]: rec for rec in read_json(demo_site, "loans")}
    assert set(loans) == {slug for slug, r in data.items() if r.get("loans")}
    for slug, rec in loans.items():
        assert {k: rec[k] for k in data[slug]["loans"]} == data[slug]["loans"]


def test_partner_and_plan_exports_compute_programmes_and_status(demo_site):
    data = demo_programmes()
    partners = read_json(demo_site, "partners")
    assert [p["slug"] for p in partners] == [p["slug"] for p in load(DATA / "partners.yml")]
    for rec in partners:
        expected = [
            slug
            for slug, p in data.items()
            if rec["slug"] in set(p.get("partners", [])) | {f.get("partner") for f in p["funding"]}
        ]
        assert rec["programmes"] == expected
    plan = load(DATA / "plan.yml")
    for item, rec in zip(plan["items"], read_json(demo_site, "plan"), strict=False):
        naming = [p for p in data.values() if p.get("plan_item") == item["id"]]
        status = (
            "not_started"
            if all(p["status"] == "planned" for p in naming)  # none naming it, or only planned ones
            else "done"
            if all(p["status"] == "completed" for p in naming)
            else "in_progress"
        )
        assert (rec["id"], rec["budget"], rec["status"]) == (item["id"], item["budget"], status)


def test_yaml_schemas_accept_the_demo_data(demo_site):
    folder = demo_site / "data-terbuka" / "schema" / "yaml"
    files = {
        "bkm": [DATA / "bkm.yml"],
        "programme": sorted((DATA / "programmes").glob("*.yml")),
        "report": sorted((DATA / "reports").glob("*.yml")),
        "partners": [DATA / "partners.yml"],
        "plan": [DATA / "plan.yml"],
        "achievements": [DATA / "achievements.yml"],
    }
    for name, paths in files.items():
        schema = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert "slug" not in schema.get("properties", {})
        validator = jsonschema.Draft202012Validator(schema)
        for path in paths:
            validator.validate(iso(load(path)))
    bad = dict(load(DATA / "programmes" / "paving-rt03-rw05.yml"), spent="Rp 75.000.000")
    programme_schema = json.loads((folder / "programme.schema.json").read_text(encoding="utf-8"))
    assert not jsonschema.Draft202012Validator(programme_schema).is_valid(iso(bad))


def test_schema_module_is_the_one_source():
    from bkm_site.core.schema import schemas

    assert set(schemas()) == {"bkm", "programme", "report", "partners", "plan", "achievements"}
    assert "slug" not in schemas()["report"]["properties"]


def test_catalogue_links_every_file_and_describes_every_field(demo_site):
    page = html(demo_site / "data-terbuka")
    content = page.select_one("article.bkm-opendata")
    hrefs = {a["href"] for a in content.find_all("a") if not a["href"].startswith("#")}
    for name in DATASETS:
        for href in (f"{name}.json", f"{name}.csv", f"schema/{name}.schema.json"):
            assert href in hrefs
        heading = content.find("h2", id=name)
        table = heading.find_next("table")
        fields = [row.find("td").get_text(strip=True) for row in table.select("tbody tr")]
        assert fields == list(read_json(demo_site, name)[0])
    for href in hrefs:
        assert (demo_site / "data-terbuka" / href).is_file()


def test_site_without_optional_data_exports_only_what_exists(make_site):
    site = make_site(programmes={"paving": minimal_programme()})
    out = site.build_inprocess() / "data-terbuka"
    assert sorted(p.name for p in out.glob("*.json")) == [
        "catalogue.json",
        "funding.json",
        "outputs.json",
        "programmes.json",
    ]
    assert {a["href"] for a in html(out).select("article a") if not a["href"].startswith("#")} <= {
        str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()
    }
    bare = make_site(bkm=MINIMAL_BKM).build_inprocess() / "data-terbuka"
    assert [p.name for p in bare.glob("*.json")] == ["catalogue.json"]
    assert json.loads((bare / "catalogue.json").read_text(encoding="utf-8"))["datasets"] == []
    assert (bare / "schema" / "yaml" / "bkm.schema.json").is_file()


def test_catalogue_json_names_every_file_and_field(demo_site):
    folder = demo_site / "data-terbuka"
    catalogue = json.loads((folder / "catalogue.json").read_text(encoding="utf-8"))
    assert [d["name"] for d in catalogue["datasets"]] == list(DATASETS)
    for dataset in catalogue["datasets"]:
        for key in ("json", "csv", "schema"):
            assert (folder / dataset[key]).is_file()
        assert [f["name"] for f in dataset["fields"]] == list(read_json(demo_site, dataset["name"])[0])
    assert all((folder / path).is_file() for path in catalogue["data_file_schemas"].values())


def test_transactions_name_their_report_programme_and_row_address(demo_site):
    reports = demo_reports()
    lines = read_json(demo_site, "transactions")
    assert len(lines) == sum(len(r["income"]) + len(r["expenses"]) for r in reports.values())
    base = demo_site_url()
    for rec in lines:
        key = "income" if rec["kind"] == "income" else "expenses"
        written = reports[rec["report"]][key][rec["position"] - 1]
        assert (rec["amount"], rec["description"], rec["programme"]) == (
            written["amount"],
            written["description"],
            written.get("programme"),
        )
        assert rec["report_period"] == str(reports[rec["report"]]["period"])
        prefix = "pemasukan" if rec["kind"] == "income" else "pengeluaran"
        assert rec["anchor"] == f"{prefix}-{rec['position']}"
        assert rec["url"] == f"{base}transparansi/{rec['report']}/#{rec['anchor']}"
    first = lines[0]
    page = html(demo_site / "transparansi" / first["report"])
    assert page.find("tr", id=first["anchor"]) is not None


def test_catalogue_says_which_periods_the_reports_cover(demo_site):
    catalogue = json.loads((demo_site / "data-terbuka" / "catalogue.json").read_text(encoding="utf-8"))
    ledger = demo_data().ledger
    coverage = catalogue["coverage"]
    assert coverage["covered"] == [f"{s.start}/{s.end}" for s in ledger.coverage]
    assert coverage["gaps"] == [f"{g.start}/{g.end}" for g in ledger.gaps] and len(coverage["gaps"]) == 1
    assert coverage["interim_reports"] == list(ledger.interim)
    text = html(demo_site / "data-terbuka").get_text(" ", strip=True)
    assert "Belum ada laporan: Januari–Juni 2026." in text


def test_line_addresses_follow_the_site_url_style(make_site):
    report = minimal_report(
        income=[{"date": date(2025, 5, 2), "source": "BLM", "description": "BLM", "amount": 9}], expenses=[]
    )
    site = make_site(reports={"2025": report}, mkdocs={"use_directory_urls": False, "site_url": "https://bkm.example/"})
    out = site.build_inprocess()
    lines = read_json(out, "transactions")
    assert [x["url"] for x in lines if x["kind"] == "income"] == [
        "https://bkm.example/transparansi/2025.html#pemasukan-1"
    ]
    assert html(out / "transparansi" / "2025.html").find("tr", id="pemasukan-1") is not None
