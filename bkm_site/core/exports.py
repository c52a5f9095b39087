"""Open data: every dataset as JSON and CSV, with a JSON Schema, under ``data-terbuka/``.

The plugin adds them as generated files, not written after the build: they are
then part of the site like any page, so links to them from the catalogue page are
checked by ``--strict``, ``serve`` serves them, and a stale file is never left behind.

Formats: JSON is UTF-8 (not ASCII-escaped), an array of objects; money and counts
are plain integers, dates ISO ``YYYY-MM-DD``, lists are arrays. CSV is UTF-8 *with a
byte-order mark*, comma-separated with a header row and CRLF line ends (RFC 4180):
the BOM makes Excel, which most BKM volunteers open CSV with, read Indonesian text
correctly; Python's ``utf-8-sig``, LibreOffice and pandas skip it. In CSV, lists are
joined with ``;``, empty values are empty and booleans are ``true``/``false``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from . import figures, urls
from .models.site import SiteData
from .money import Money
from .schema import schemas
from .urls import EXPORT_DIR

SCHEMA_DIR = f"{EXPORT_DIR}/schema"
DATA_SCHEMA_DIR = f"{SCHEMA_DIR}/yaml"
CATALOGUE_URI = f"{EXPORT_DIR}/catalogue.json"
"""Every dataset, its files and fields, for programs that discover the data."""


def directory_url(src_uri: str) -> str:
    """A page's address with MkDocs' default ``use_directory_urls``: ``transparansi/2025.md`` → ``transparansi/2025/``.

    The plugin passes MkDocs' own answer instead (``files.py``), which follows the site's setting.
    """
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


ColumnType = Literal["string", "integer", "number", "boolean", "date", "list"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    id: str
    """Meaning in Bahasa Indonesia."""
    en: str
    """Meaning in English."""
    value: Callable[[Any], Any]
    optional: bool = False
    """May be empty (``null`` in JSON)."""

    def json_schema(self) -> dict:
        kinds: dict[str, dict[str, Any]] = {
            "string": {"type": "string"},
            "integer": {"type": "integer"},
            "number": {"type": "number"},
            "boolean": {"type": "boolean"},
            "date": {"type": "string", "format": "date"},
            "list": {"type": "array", "items": {"type": "string"}},
        }
        schema = dict(kinds[self.type])
        if self.optional:
            schema["type"] = [schema["type"], "null"]
        return {**schema, "description": f"{self.id} / {self.en}"}


@dataclass(frozen=True)
class Dataset:
    name: str
    """The files' stem: ``data-terbuka/<name>.json``, ``.csv`` and ``schema/<name>.schema.json``."""
    id: str
    en: str
    columns: tuple[Column, ...]
    rows: Callable[[SiteData], list]
    available: Callable[[SiteData], bool]

    @property
    def json_uri(self) -> str:
        return f"{EXPORT_DIR}/{self.name}.json"

    @property
    def csv_uri(self) -> str:
        return f"{EXPORT_DIR}/{self.name}.csv"

    @property
    def schema_uri(self) -> str:
        return f"{SCHEMA_DIR}/{self.name}.schema.json"

    def catalogue_entry(self) -> dict:
        """This dataset in ``catalogue.json``: its files (relative to ``data-terbuka/``) and fields."""
        return {
            "name": self.name,
            "description": {"id": self.id, "en": self.en},
            "json": f"{self.name}.json",
            "csv": f"{self.name}.csv",
            "schema": f"schema/{self.name}.schema.json",
            "fields": [
                {"name": c.name, "type": c.type, "optional": c.optional, "description": {"id": c.id, "en": c.en}}
                for c in self.columns
            ],
        }

    def records(self, site: SiteData, url_of: Callable[[str], str] = directory_url) -> list[dict]:
        token = _EXPORT.set(_Export(site, url_of))
        try:
            return [{c.name: _plain(c.value(row)) for c in self.columns} for row in self.rows(site)]
        finally:
            _EXPORT.reset(token)

    def json_schema(self) -> dict:
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": self.name,
            "description": f"{self.id} / {self.en}",
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [c.name for c in self.columns],
                "properties": {c.name: c.json_schema() for c in self.columns},
            },
        }


def _plain(value: Any) -> Any:
    """Values as JSON holds them: ISO dates, whole numbers as integers, sorted lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value


def _col(
    name: str, type_: ColumnType, id: str, en: str, value: Callable | None = None, optional: bool = False
) -> Column:
    return Column(name, type_, id, en, value or (lambda row, n=name: getattr(row, n)), optional)


@dataclass(frozen=True)
class _ProgrammeRow:
    """A programme with its money in the site's money words (money.py), for the programmes dataset."""

    programme: Any
    money: Money

    def __getattr__(self, name: str) -> Any:
        return getattr(self.programme, name)


def _report_lines(site: SiteData) -> list:
    """Every transaction once (the outermost report's line when reports nest), by date."""
    return list(site.ledger.lines)


@dataclass(frozen=True)
class _Export:
    """What columns beyond a row's own fields need: the site (its ledger) and the URL style."""

    site: SiteData
    url_of: Callable[[str], str] = directory_url


_EXPORT: ContextVar[_Export] = ContextVar("bkm_export")
"""The export under way: set by :meth:`Dataset.records`."""


def _site_ledger():
    return _EXPORT.get().site.ledger


def _books(p):
    return _site_ledger().programme(p.slug)


def _report_period(slug: str):
    return _EXPORT.get().site.reports[slug].period


def _line_url(line) -> str:
    return f"{_EXPORT.get().url_of(urls.report(line.report))}#{line.anchor}"


def _stretches(stretches) -> list[str]:
    """ISO 8601 intervals: ``2026-01-01/2026-06-30``."""
    return [f"{s.start.isoformat()}/{s.end.isoformat()}" for s in stretches]


def _plan_rows(site: SiteData) -> list:
    """(item, status, slugs of the programmes naming it)."""
    return [
        (item, figures.plan_item_status(site, item.id), [p.slug for p in site.programmes_of_plan_item(item.id)])
        for item in (site.plan.items if site.plan else [])
    ]


def _partner_rows(site: SiteData) -> list:
    """(partner, slugs of the programmes naming it)."""
    return [(partner, [p.slug for p in site.programmes_of_partner(slug)]) for slug, partner in site.partners.items()]


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "programmes",
        "Program dan kampanye BKM, dengan angka yang dihitung dari rincian dananya.",
        "The BKM's programmes and campaigns, with figures computed from their funding lines.",
        (
            _col("slug", "string", "Kode program (nama berkas)", "Programme code (file name)"),
            _col("title", "string", "Nama program", "Title"),
            _col("sector", "string", "Bidang tridaya: lingkungan, sosial, ekonomi", "Tridaya sector"),
            _col("status", "string", "planned (rencana), ongoing (berjalan), completed (selesai)", "Status"),
            _col("location", "string", "Lokasi", "Location"),
            _col("start", "date", "Tanggal mulai", "Start date"),
            _col("end", "date", "Tanggal selesai", "End date", optional=True),
            _col("summary", "string", "Ringkasan satu kalimat", "One-line summary"),
            _col(
                "target",
                "integer",
                "Target: jumlah semua 'planned', Rupiah",
                "Target: sum of planned, Rupiah",
                lambda p: p.money.target,
            ),
            _col(
                "received",
                "integer",
                "Diterima: jumlah semua 'received', tunai dan natura, Rupiah",
                "Received: sum of received, cash and in kind, Rupiah",
                lambda p: p.money.received,
            ),
            _col(
                "received_cash",
                "integer",
                "Bagian dana diterima berupa uang tunai, Rupiah",
                "Part of received given in cash, Rupiah",
                lambda p: p.money.received_cash,
            ),
            _col(
                "received_in_kind",
                "integer",
                "Bagian dana diterima berupa barang/tenaga (natura), Rupiah",
                "Part of received given in kind, Rupiah",
                lambda p: p.money.received_in_kind,
            ),
            _col(
                "spent",
                "integer",
                "Dibelanjakan: 'spent' (0 bila tidak ditulis), Rupiah",
                "Spent: spent (0 when not written), Rupiah",
                lambda p: p.money.spent,
            ),
            _col(
                "remaining",
                "integer",
                "Sisa: diterima − dibelanjakan, Rupiah",
                "Remaining: received − spent, Rupiah",
                lambda p: p.money.remaining,
            ),
            _col(
                "shortfall",
                "integer",
                "Masih dibutuhkan: target − diterima (paling kecil 0), Rupiah",
                "Still needed: target − received (at least 0), Rupiah",
                lambda p: p.money.shortfall,
            ),
            _col(
                "as_of",
                "date",
                "Data per: tanggal transaksi atau kabar terakhir program",
                "Data as of: date of the programme's latest report line or update",
                lambda p: p.money.as_of,
                True,
            ),
            _col(
                "covered",
                "boolean",
                "Laporan mencakup seluruh masa program, jadi received dan spent sama dengan baris laporannya",
                "Reports cover the programme's whole time, so received and spent equal its report lines",
                lambda p: _books(p).covered,
            ),
            _col(
                "reports",
                "list",
                "Laporan yang memuat baris untuk program ini (reports.csv)",
                "Reports holding lines for the programme (reports.csv)",
                lambda p: list(_books(p).reports),
            ),
            _col(
                "not_reported",
                "list",
                "Bagian masa program yang belum ada laporannya (awal/akhir, ISO 8601)",
                "Parts of the programme's time no report covers yet (start/end, ISO 8601)",
                lambda p: _stretches(_books(p).unreported),
            ),
            _col("progress", "integer", "Kemajuan fisik, persen", "Physical progress, percent"),
            _col(
                "households",
                "integer",
                "Penerima manfaat: kepala keluarga",
                "Beneficiary households",
                lambda p: p.beneficiaries.households,
            ),
            _col(
                "poor_households",
                "integer",
                "Penerima manfaat: KK miskin",
                "Beneficiary poor households",
                lambda p: p.beneficiaries.poor_households,
            ),
            _col("people", "integer", "Penerima manfaat: jiwa", "Beneficiary people", lambda p: p.beneficiaries.people),
            _col(
                "women", "integer", "Penerima manfaat: perempuan", "Beneficiary women", lambda p: p.beneficiaries.women
            ),
            _col("ksm", "string", "KSM pelaksana", "Implementing self-help group (KSM)", optional=True),
            _col("plan_item", "string", "Kode butir PJM (plan.csv)", "PJM plan item id (plan.csv)", optional=True),
            _col(
                "partners",
                "list",
                "Kode mitra (partners.csv)",
                "Partner codes (partners.csv)",
                lambda p: p.partner_slugs,
            ),
        ),
        lambda site: [_ProgrammeRow(p, site.money(p)) for p in site.programmes.values()],
        lambda site: bool(site.programmes),
    ),
    Dataset(
        "funding",
        "Rincian dana setiap program: rencana dan yang sudah diterima per sumber.",
        "Each programme's funding lines: planned and received per source.",
        (
            _col(
                "programme",
                "string",
                "Kode program (programmes.csv)",
                "Programme code (programmes.csv)",
                lambda row: row[0],
            ),
            _col(
                "source",
                "string",
                "Sumber dana: BLM, APBN, APBD, APBDes, swadaya, CSR, donasi, lainnya",
                "Source of funds",
                lambda row: row[1].source,
            ),
            _col(
                "partner",
                "string",
                "Kode mitra pemberi (CSR, donasi)",
                "Giving partner's code",
                lambda row: row[1].partner,
                True,
            ),
            _col("planned", "integer", "Rencana, Rupiah", "Planned, Rupiah", lambda row: row[1].planned),
            _col(
                "received",
                "integer",
                "Sudah diterima, Rupiah (tunai: dihitung dari laporan bila tidak ditulis)",
                "Received, Rupiah (cash: computed from the reports when not written)",
                lambda row: row[1].received,
            ),
            _col("in_kind", "boolean", "Berupa barang/tenaga (natura)", "Given in kind", lambda row: row[1].in_kind),
        ),
        lambda site: [(slug, line) for slug, p in site.programmes.items() for line in p.funding],
        lambda site: bool(site.programmes),
    ),
    Dataset(
        "outputs",
        "Hasil fisik dan nonfisik setiap program.",
        "What each programme built or delivered.",
        (
            _col(
                "programme",
                "string",
                "Kode program (programmes.csv)",
                "Programme code (programmes.csv)",
                lambda row: row[0],
            ),
            _col("label", "string", "Hasil kegiatan", "Output", lambda row: row[1].label),
            _col("volume", "number", "Volume", "Volume", lambda row: row[1].volume),
            _col("unit", "string", "Satuan", "Unit", lambda row: row[1].unit),
        ),
        lambda site: [(slug, o) for slug, p in site.programmes.items() for o in p.outputs],
        lambda site: bool(site.programmes),
    ),
    Dataset(
        "reports",
        "Laporan keuangan per periode, dengan saldo yang dihitung.",
        "Financial reports per period, with computed balances.",
        (
            _col("slug", "string", "Kode laporan (nama berkas)", "Report code (file name)", lambda r: r.slug),
            _col(
                "period",
                "string",
                "Periode: tahun, triwulan (2025-Q3) atau bulan (2025-03)",
                "Period",
                lambda r: str(r.period),
            ),
            _col("period_start", "date", "Awal periode", "First day of the period", lambda r: r.period.start),
            _col("period_end", "date", "Akhir periode", "Last day of the period", lambda r: r.period.end),
            _col(
                "interim",
                "boolean",
                "Periode belum selesai: angka sementara",
                "The period has not ended: interim figures",
                lambda r: _site_ledger().reports[r.slug].interim,
            ),
            _col(
                "as_of",
                "date",
                "Data per: tanggal transaksi terakhir laporan",
                "Data as of: date of the report's last transaction",
                lambda r: _site_ledger().reports[r.slug].as_of,
            ),
            _col(
                "inside",
                "string",
                "Laporan terluar yang memuat periode ini; transaksinya dihitung di sana",
                "The outermost report whose period holds this one; its transactions are counted there",
                lambda r: _site_ledger().reports[r.slug].outer,
                True,
            ),
            _col("opening_balance", "integer", "Saldo awal, Rupiah", "Opening balance, Rupiah"),
            _col("total_income", "integer", "Jumlah pemasukan, Rupiah", "Total income, Rupiah"),
            _col("total_expenses", "integer", "Jumlah pengeluaran, Rupiah", "Total expenses, Rupiah"),
            _col(
                "closing_balance",
                "integer",
                "Saldo akhir: saldo awal + pemasukan − pengeluaran, Rupiah",
                "Closing balance: opening + income − expenses, Rupiah",
                lambda r: r.computed_closing,
            ),
            _col("auditor", "string", "Auditor", "Auditor", lambda r: r.audit.auditor if r.audit else None, True),
            _col(
                "audit_date", "date", "Tanggal audit", "Audit date", lambda r: r.audit.date if r.audit else None, True
            ),
            _col(
                "audit_opinion",
                "string",
                "Opini auditor",
                "Auditor's opinion",
                lambda r: r.audit.opinion if r.audit else None,
                True,
            ),
            _col(
                "approved_event",
                "string",
                "Forum pengesahan",
                "Approving meeting",
                lambda r: r.approved.event if r.approved else None,
                True,
            ),
            _col(
                "approved_date",
                "date",
                "Tanggal pengesahan",
                "Approval date",
                lambda r: r.approved.date if r.approved else None,
                True,
            ),
        ),
        lambda site: list(site.reports.values()),
        lambda site: bool(site.reports),
    ),
    Dataset(
        "transactions",
        "Setiap transaksi dari laporan keuangan, sekali saja: bila laporan bertumpuk (laporan bulanan di dalam "
        "laporan tahunan), baris dari laporan terluar.",
        "Every transaction of the financial reports, once: when reports nest (a monthly report inside the annual "
        "one), the line of the outermost report.",
        (
            _col("report", "string", "Kode laporan (reports.csv)", "Report code (reports.csv)", lambda x: x.report),
            _col(
                "report_period",
                "string",
                "Periode laporan itu",
                "That report's period",
                lambda x: str(_report_period(x.report)),
            ),
            _col(
                "kind",
                "string",
                "income (pemasukan) atau expense (pengeluaran)",
                "income or expense",
                lambda x: x.kind,
            ),
            _col(
                "position",
                "integer",
                "Urutan baris di daftar income atau expenses laporannya, mulai 1",
                "Position in the report's income or expenses list, from 1",
                lambda x: x.position,
            ),
            _col("date", "date", "Tanggal", "Date", lambda x: x.date),
            _col("description", "string", "Uraian", "Description", lambda x: x.description),
            _col("source", "string", "Sumber dana (pemasukan)", "Source (income)", lambda x: x.source, True),
            _col("category", "string", "Jenis belanja (pengeluaran)", "Category (expense)", lambda x: x.category, True),
            _col(
                "programme",
                "string",
                "Kode program (programmes.csv)",
                "Programme code (programmes.csv)",
                lambda x: x.programme,
                True,
            ),
            _col(
                "partner",
                "string",
                "Kode mitra pemberi (pemasukan)",
                "Giving partner's code (income)",
                lambda x: x.partner,
                True,
            ),
            _col("amount", "integer", "Jumlah, Rupiah", "Amount, Rupiah", lambda x: x.amount),
            _col(
                "anchor",
                "string",
                "Penanda baris di halaman laporannya (pemasukan-3, pengeluaran-12)",
                "The row's anchor on its report page",
                lambda x: x.anchor,
            ),
            _col(
                "url",
                "string",
                "Alamat baris ini di halaman laporannya",
                "Address of this line's row on its report page",
                _line_url,
            ),
        ),
        _report_lines,
        lambda site: bool(site.reports),
    ),
    Dataset(
        "loans",
        "Indikator pinjaman bergulir UPK per laporan.",
        "UPK revolving-loan indicators per report.",
        (
            _col("report", "string", "Kode laporan (reports.csv)", "Report code (reports.csv)", lambda r: r.slug),
            _col("period", "string", "Periode laporan", "Report period", lambda r: str(r.period)),
            _col("borrowers", "integer", "Jumlah peminjam", "Borrowers", lambda r: r.loans.borrowers),
            _col(
                "women_borrowers", "integer", "Peminjam perempuan", "Women borrowers", lambda r: r.loans.women_borrowers
            ),
            _col(
                "disbursed", "integer", "Pinjaman disalurkan, Rupiah", "Disbursed, Rupiah", lambda r: r.loans.disbursed
            ),
            _col(
                "outstanding",
                "integer",
                "Sisa pinjaman beredar, Rupiah",
                "Outstanding, Rupiah",
                lambda r: r.loans.outstanding,
            ),
            _col(
                "repayment_rate",
                "number",
                "Tingkat pengembalian (RR), persen",
                "Repayment rate, percent",
                lambda r: r.loans.repayment_rate,
            ),
            _col(
                "par_30",
                "number",
                "Pinjaman berisiko > 30 hari (PAR), persen",
                "Portfolio at risk > 30 days, percent",
                lambda r: r.loans.par_30,
            ),
            _col(
                "lar",
                "number",
                "Pinjaman bermasalah (LAR), persen",
                "Loans at risk, percent",
                lambda r: r.loans.lar,
                True,
            ),
        ),
        lambda site: [r for r in site.reports.values() if r.loans],
        lambda site: any(r.loans for r in site.reports.values()),
    ),
    Dataset(
        "partners",
        "Mitra BKM dan program yang mereka dukung.",
        "The BKM's partners and the programmes they support.",
        (
            _col("slug", "string", "Kode mitra", "Partner code", lambda row: row[0].slug),
            _col("name", "string", "Nama", "Name", lambda row: row[0].name),
            _col(
                "kind",
                "string",
                "Jenis: pemerintah, swasta, perguruan_tinggi, lsm, komunitas",
                "Kind",
                lambda row: row[0].kind,
            ),
            _col("url", "string", "Situs web", "Website", lambda row: row[0].url, True),
            _col("since", "date", "Bermitra sejak", "Partner since", lambda row: row[0].since, True),
            _col("contribution", "string", "Bentuk dukungan", "Contribution", lambda row: row[0].contribution, True),
            _col(
                "programmes",
                "list",
                "Program yang didukung (dari rujukan program)",
                "Programmes supported (from the programmes' references)",
                lambda row: row[1],
            ),
        ),
        _partner_rows,
        lambda site: bool(site.partners),
    ),
    Dataset(
        "plan",
        "Butir PJM Pronangkis dengan status yang dihitung dari program.",
        "PJM Pronangkis plan items, with a status computed from the programmes.",
        (
            _col("id", "string", "Kode butir PJM", "Plan item id", lambda row: row[0].id),
            _col("title", "string", "Kegiatan yang direncanakan", "Planned activity", lambda row: row[0].title),
            _col("sector", "string", "Bidang tridaya", "Tridaya sector", lambda row: row[0].sector),
            _col("year", "integer", "Tahun rencana", "Planned year", lambda row: row[0].year),
            _col("budget", "integer", "Anggaran, Rupiah", "Budget, Rupiah", lambda row: row[0].budget),
            _col("location", "string", "Lokasi", "Location", lambda row: row[0].location, True),
            _col(
                "status",
                "string",
                "not_started (belum ada program), in_progress (ada program belum selesai), done (semua programnya "
                "selesai)",
                "Status computed from the programmes naming the item",
                lambda row: row[1],
            ),
            _col(
                "programmes",
                "list",
                "Program yang melaksanakan butir ini",
                "Programmes carrying out the item",
                lambda row: row[2],
            ),
        ),
        _plan_rows,
        lambda site: site.plan is not None,
    ),
)


def available(site: SiteData) -> list[Dataset]:
    return [d for d in DATASETS if d.available(site)]


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_csv(dataset: Dataset, records: Iterable[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in dataset.columns])
    for rec in records:
        writer.writerow([_csv_cell(rec[c.name]) for c in dataset.columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def export_files(site: SiteData, url_of: Callable[[str], str] = directory_url) -> dict[str, str | bytes]:
    """Every open-data file: ``src_uri`` → content.

    ``url_of`` gives a page's address from its ``src_uri`` (the plugin passes the site's own URL style,
    with ``site_url`` in front when the site has one); line URLs in ``transactions`` use it.
    """
    out: dict[str, str | bytes] = {}
    for dataset in available(site):
        records = dataset.records(site, url_of)
        out[dataset.json_uri] = to_json(records)
        out[dataset.csv_uri] = to_csv(dataset, records)
        out[dataset.schema_uri] = to_json(dataset.json_schema())
    data_schemas: dict[str, str] = {}
    for name, schema in schemas().items():
        data_schemas[name] = f"{DATA_SCHEMA_DIR}/{name}.schema.json"
        out[data_schemas[name]] = to_json(schema)
    out[CATALOGUE_URI] = to_json(
        {
            "datasets": [d.catalogue_entry() for d in available(site)],
            "coverage": coverage(site),
            "data_file_schemas": {name: uri.removeprefix(f"{EXPORT_DIR}/") for name, uri in data_schemas.items()},
        }
    )
    return out


def coverage(site: SiteData) -> dict:
    """Which days the reports cover, the gaps between them, and the date the figures speak for."""
    ledger = site.ledger
    return {
        "description": {
            "id": "Masa yang dicakup laporan keuangan (awal/akhir, ISO 8601), masa di antaranya yang belum ada "
            "laporannya, dan tanggal angka-angkanya.",
            "en": "The days the financial reports cover (start/end, ISO 8601), the stretches between them no "
            "report covers yet, and the date the figures speak for.",
        },
        "covered": _stretches(ledger.coverage),
        "gaps": _stretches(ledger.gaps),
        "as_of": ledger.as_of.isoformat() if ledger.as_of else None,
        "interim_reports": list(ledger.interim),
    }
