"""Bad input of every kind: one located message in Indonesian with a fix, exit 1, nothing built.

Most cases run through the loader in-process (milliseconds); one case per family
also goes through the real `mkdocs build --strict` and `bkm-site check`
subprocesses, which must print the same located message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import MINIMAL_BKM, dump_yaml, minimal_programme, minimal_report

from bkm_site.core.loading import DataError, Problem, load_site

OTHER_PHONE = "0813-9876-5432"  # not the BKM's official number in MINIMAL_BKM
NIK = "3273012345678901"


def yml(data) -> str:
    return dump_yaml(data)


PROG = yml(minimal_programme())
REPORT = yml(minimal_report())
BKM = yml(MINIMAL_BKM)
PARTNERS = yml([{"slug": "pt-sumber-rejeki", "name": "PT Sumber Rejeki", "kind": "swasta"}])
PLAN = yml(
    {
        "title": "PJM 2024-2026",
        "period": {"start": 2024, "end": 2026},
        "items": [
            {"id": "pjm-2025-01", "title": "Jalan RW 04", "sector": "lingkungan", "year": 2025, "budget": 90_000_000}
        ],
    }
)
JALAN = "data/programmes/jalan.yml"
LAPORAN = "data/reports/2025.yml"


def _edited(data: dict, replacements: tuple[tuple[str, str], ...]) -> str:
    """``data`` as YAML text with literal text replacements: broken input keeps known line numbers."""
    text = yml(data)
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def prog(*replacements: tuple[str, str], **overrides) -> str:
    return _edited(minimal_programme(**overrides), replacements)


def report(*replacements: tuple[str, str], **overrides) -> str:
    return _edited(minimal_report(**overrides), replacements)


@dataclass(frozen=True)
class Case:
    id: str
    files: dict  # path in the site -> str | bytes | None (None removes the file)
    file: str  # the file the message names
    at: str | int | None  # its line: a text on that line, a number, or None for a whole-file problem
    field: str  # the field path as shown
    says: tuple[str, ...]  # in the message
    hint: str  # in the hint
    count: int = 1  # problems reported in all
    built: bool = False  # also run the real build and `bkm-site check`

    def line(self) -> int | None:
        if self.at is None or isinstance(self.at, int):
            return self.at
        content = self.files[self.file]
        text = content.decode("latin-1") if isinstance(content, bytes) else content
        numbers = [n for n, line in enumerate(text.splitlines(), start=1) if self.at in line]
        assert numbers, f"{self.at!r} is not in {self.file}"
        return numbers[0]


CASES = [
    # --- the file itself: syntax, encoding, shape ---------------------------------------------
    Case(
        "yaml-unclosed-quote",
        {JALAN: prog(("title: Perbaikan", "title: 'Perbaikan"))},
        JALAN,
        "title: 'Perbaikan",
        "",
        ("Tanda kutip ' yang dibuka di sini belum ditutup", "baris 7"),
        "Tutup teksnya dengan '",
        built=True,
    ),
    Case(
        "yaml-tab-indent",
        {JALAN: prog(("  planned: 75000000", "\tplanned: 75000000"))},
        JALAN,
        "\tplanned",
        "",
        ("Tab",),
        "ganti Tab dengan dua spasi",
    ),
    Case(
        "yaml-colon-in-text",
        {JALAN: prog(("title: Perbaikan Jalan", "title: Rapat: Jalan"))},
        JALAN,
        "Rapat:",
        "",
        ("titik dua",),
        "apit seluruh teks dengan tanda kutip",
    ),
    Case(
        "yaml-bad-indent",
        {JALAN: prog(("  planned: 75000000", "   planned: 75000000"))},
        JALAN,
        "   planned",
        "",
        ("tidak sejajar",),
        "jarak menjorok",
    ),
    Case(
        "yaml-unclosed-bracket",
        {JALAN: prog(("progress: 60", "partners: [pt-a, pt-b\nprogress: 60"))},
        JALAN,
        "partners: [",
        "",
        ("Kurung [",),
        "Tambahkan ]",
    ),
    Case(
        "yaml-list-as-key",
        {JALAN: prog(("progress: 60", "[progress]: 60"))},
        JALAN,
        "[progress]",
        "",
        ("teks biasa",),
        "Hapus kurung",
    ),
    Case(
        "yaml-python-object-tag",
        {
            JALAN: prog(
                (
                    "title: Perbaikan Jalan Lingkungan RT 03/RW 04",
                    "title: !!python/object/apply:os.system ['touch diretas']",
                )
            )
        },
        JALAN,
        "!!python",
        "",
        ("python/object/apply:os.system", "tidak diizinkan"),
        "Hapus tanda",
        built=True,
    ),
    Case(
        "yaml-two-documents",
        {JALAN: prog() + "---\ntitle: Lagi\n"},
        JALAN,
        "---",
        "",
        ("lebih dari satu dokumen",),
        "Hapus baris ---",
    ),
    Case(
        "yaml-alias-bomb",
        {
            JALAN: "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdef", "bcdefg", strict=False))
        },
        JALAN,
        1,
        "",
        ("alias",),
        "tanpa alias",
    ),
    Case("yaml-alias-loop", {JALAN: "a: &a [x, *a]\n"}, JALAN, 1, "", ("alias",), "tanpa alias"),
    Case("empty-file", {JALAN: ""}, JALAN, 1, "", ("kosong",), "Isi datanya"),
    Case("comments-only-file", {JALAN: "# nanti diisi\n\n"}, JALAN, 1, "", ("kosong",), "Isi datanya"),
    Case(
        "not-utf8-latin1",
        {JALAN: prog(("location: RT 03/RW 04", "location: Gang Café")).encode("latin-1")},
        JALAN,
        "Gang Caf",
        "",
        ("bukan teks UTF-8",),
        "Simpan ulang sebagai UTF-8",
        built=True,
    ),
    Case("not-utf8-utf16", {JALAN: PROG.encode("utf-16")}, JALAN, 1, "", ("UTF-16",), "Simpan ulang sebagai UTF-8"),
    Case(
        "control-character",
        {JALAN: prog(("location: RT 03", "location: RT\x0803"))},
        JALAN,
        "location:",
        "",
        ("karakter kontrol",),
        "Ketik ulang baris ini",
    ),
    Case(
        "list-where-mapping-expected",
        {JALAN: yml([minimal_programme()])},
        JALAN,
        1,
        "",
        ("kumpulan 'nama: nilai'",),
        "contoh",
    ),
    Case(
        "mapping-where-list-expected",
        {"data/partners.yml": yml({"slug": "pt-a", "name": "PT A", "kind": "swasta"})},
        "data/partners.yml",
        1,
        "",
        ("daftar",),
        "contoh",
    ),
    Case(
        "duplicate-key",
        {JALAN: prog(("progress: 60", "progress: 60\nprogress: 70"))},
        JALAN,
        "progress: 70",
        "progress",
        ("ditulis dua kali",),
        "Hapus salah satunya",
    ),
    Case(
        "yaml-extension",
        {"data/programmes/jalan.yaml": PROG},
        "data/programmes/jalan.yaml",
        None,
        "",
        (".yaml tidak dibaca",),
        "jalan.yml",
    ),
    Case(
        "folder-name-in-indonesian",
        {"data/program/jalan.yml": PROG},
        "data/program/jalan.yml",
        None,
        "",
        ("folder program/ tidak dibaca",),
        "Pindahkan ke data/programmes/",
    ),
    Case(
        "programme-in-sub-folder",
        {"data/programmes/2024/jalan.yml": PROG},
        "data/programmes/2024/jalan.yml",
        None,
        "",
        ("tidak dibaca",),
        "langsung tanpa subfolder",
    ),
    Case(
        "unknown-data-file",
        {"data/partner.yml": PARTNERS},
        "data/partner.yml",
        None,
        "",
        ("tidak dibaca", "partners.yml"),
        "Mungkin maksudnya partners.yml?",
    ),
    Case(
        "file-name-not-a-slug",
        {"data/programmes/Paving RT.yml": PROG},
        "data/programmes/Paving RT.yml",
        None,
        "",
        ("huruf kecil",),
        "paving-rt.yml",
    ),
    Case("missing-bkm-yml", {"data/bkm.yml": None}, "data/bkm.yml", None, "", ("belum ada",), "Buat data/bkm.yml"),
    Case(
        "slug-written-in-file",
        {JALAN: prog() + "slug: jalan-baru\n"},
        JALAN,
        "slug:",
        "slug",
        ("diambil dari nama berkas",),
        "ganti nama berkasnya",
    ),
    # --- types ----------------------------------------------------------------------------------
    Case(
        "money-as-formatted-text",
        {JALAN: prog(("planned: 75000000", 'planned: "Rp 75.000.000,-"'))},
        JALAN,
        "Rp 75.000.000",
        "funding › #1 › planned",
        ("Rp 75.000.000,-", "angka Rupiah"),
        "Tulis 75000000",
        built=True,
    ),
    Case(
        "money-in-words",
        {JALAN: prog(("planned: 12500000", "planned: 12,5 juta"))},
        JALAN,
        "12,5 juta",
        "funding › #2 › planned",
        ("12,5 juta",),
        "Tulis 12500000 saja",
    ),
    Case(
        "money-with-thousands-dot",
        {JALAN: prog(("planned: 12500000", "planned: 12.500"))},
        JALAN,
        "12.500",
        "funding › #2 › planned",
        ("12.500", "pemisah ribuan"),
        "Tulis 12500 (tanpa titik)",
    ),
    Case(
        "money-too-many-zeros",
        {LAPORAN: report(opening_balance=12 * 10**15, closing_balance=None)},
        LAPORAN,
        "opening_balance:",
        "opening_balance",
        ("terlalu besar",),
        "angka nolnya",
    ),
    Case(
        "money-float",
        {JALAN: prog(("planned: 12500000", "planned: 12500000.5"))},
        JALAN,
        "12500000.5",
        "funding › #2 › planned",
        ("angka bulat Rupiah",),
        "Tulis 12500000",
    ),
    Case("money-negative", {JALAN: prog(spent=-5_000)}, JALAN, "spent:", "spent", ("negatif",), "misalnya 5000"),
    Case(
        "number-with-unit",
        {JALAN: prog(("progress: 60", "progress: 60%"))},
        JALAN,
        "progress:",
        "progress",
        ("bilangan bulat", "60%"),
        "tanpa titik, koma, atau satuan",
    ),
    Case(
        "volume-as-text",
        {JALAN: prog(("volume: 220", "volume: 220 meter"))},
        JALAN,
        "volume:",
        "outputs › #1 › volume",
        ("Harus angka", "220 meter"),
        "misalnya 220",
    ),
    Case(
        "count-negative",
        {JALAN: prog(("households: 85", "households: -85"))},
        JALAN,
        "households:",
        "beneficiaries › households",
        ("negatif",),
        "0 atau lebih",
    ),
    Case(
        "progress-over-100",
        {JALAN: prog(progress=120)},
        JALAN,
        "progress:",
        "progress",
        ("120", "antara 0 dan 100"),
        "antara 0 dan 100",
    ),
    Case(
        "percent-over-100",
        {
            LAPORAN: report(
                loans={
                    "borrowers": 120,
                    "disbursed": 240_000_000,
                    "outstanding": 96_000_000,
                    "repayment_rate": 120,
                    "par_30": 2.1,
                }
            )
        },
        LAPORAN,
        "repayment_rate:",
        "loans › repayment_rate",
        ("antara 0 dan 100", "120"),
        "tanpa tanda %",
    ),
    Case(
        "list-entry-not-a-mapping",
        {JALAN: prog(funding=["BLM"])},
        JALAN,
        "- BLM",
        "funding › #1",
        ("kumpulan 'nama: nilai'", "BLM"),
        "contoh",
    ),
    Case(
        "empty-required-value",
        {JALAN: prog(("summary: Jalan paving 220 m untuk 85 KK.", "summary:"))},
        JALAN,
        "summary:",
        "summary",
        ("kosong",),
        "Isi nilainya",
    ),
    Case(
        "missing-required-field",
        {JALAN: prog(("summary: Jalan paving 220 m untuk 85 KK.\n", ""))},
        JALAN,
        1,
        "summary",
        ("wajib",),
        "summary: ...",
    ),
    Case(
        "unknown-key-deep",
        {JALAN: prog(("  received: 9800000", "  recieved: 9800000"))},
        JALAN,
        "recieved",
        "funding › #2 › recieved",
        ("tidak dikenal",),
        "Mungkin maksudnya 'received'",
        built=True,
    ),
    Case(
        "unknown-key-top",
        {JALAN: prog(("summary:", "summry:"))},
        JALAN,
        "summry:",
        "summry",
        ("tidak dikenal",),
        "Mungkin maksudnya 'summary'",
    ),  # and no second "summary is missing"
    Case(
        "unknown-key-in-partners-list",
        {"data/partners.yml": PARTNERS.replace("  name:", "  nama:")},
        "data/partners.yml",
        "nama:",
        "#1 › nama",
        ("tidak dikenal",),
        "Mungkin maksudnya 'name'",
    ),
    Case(
        "invalid-enum",
        {JALAN: prog(status="selesai")},
        JALAN,
        "status:",
        "status",
        ('"selesai"', "planned, ongoing, completed"),
        "Tulis salah satu: planned, ongoing, completed",
    ),
    Case(
        "invalid-enum-partner-kind",
        {"data/partners.yml": yml([{"slug": "pt-a", "name": "PT A", "kind": "perusahaan"}])},
        "data/partners.yml",
        "kind:",
        "#1 › kind",
        ("pemerintah, swasta, perguruan_tinggi, lsm, komunitas",),
        "Tulis salah satu",
    ),
    Case(
        "impossible-date",
        {JALAN: prog(("start: 2025-03-01", "start: 2025-02-30"))},
        JALAN,
        "start:",
        "start",
        ("2025-02-30", "hanya sampai tanggal 28"),
        "2025-02-28",
    ),
    Case(
        "impossible-month",
        {JALAN: prog(("start: 2025-03-01", "start: 2025-13-01"))},
        JALAN,
        "start:",
        "start",
        ("2025-13-01", "bulan hanya 1 sampai 12"),
        "TAHUN-BULAN-TANGGAL",
    ),
    Case(
        "date-as-number",
        {JALAN: prog(("start: 2025-03-01", "start: 20250301"))},
        JALAN,
        "start:",
        "start",
        ("TAHUN-BULAN-TANGGAL", "20250301"),
        "misalnya 2025-03-01",
    ),
    Case(
        "date-day-first",
        {JALAN: prog(("- date: 2025-04-10", "- date: 10/04/2025"))},
        JALAN,
        "10/04/2025",
        "updates › #1 › date",
        ("TAHUN-BULAN-TANGGAL",),
        "2025-04-10",
    ),
    Case(
        "period-quarter-5",
        {LAPORAN: report(("period: 2025", "period: 2025-Q5"))},
        LAPORAN,
        "period:",
        "period",
        ("2025-Q5", "tidak dikenali"),
        "triwulan (2025-Q3)",
    ),
    Case(
        "period-month-13",
        {LAPORAN: report(("period: 2025", "period: 2025-13"))},
        LAPORAN,
        "period:",
        "period",
        ("2025-13",),
        "bulan (2025-03)",
    ),
    Case(
        "account-number-unquoted",
        {"data/bkm.yml": BKM + "donation:\n  bank: Bank BJB\n  account_number: 0012345\n  account_name: BKM\n"},
        "data/bkm.yml",
        "account_number:",
        "donation › account_number",
        ("0012345", "tanda kutip"),
        "dengan tanda kutip",
    ),
    Case(
        "url-without-scheme",
        {"data/partners.yml": yml([{"slug": "pt-a", "name": "PT A", "kind": "swasta", "url": "javascript:alert(1)"}])},
        "data/partners.yml",
        "url:",
        "#1 › url",
        ("http://",),
        "https://",
    ),
    Case(
        "type-error-and-missing-partner",
        {JALAN: prog(progress="enam puluh", partners=["pt-tidak-ada"])},
        JALAN,
        "progress:",
        "progress",
        ("bilangan bulat",),
        "misalnya 85",
    ),
    # --- rules across fields ------------------------------------------------------------------
    Case(
        "spent-above-received",
        {JALAN: prog(spent=90_000_000)},
        JALAN,
        "spent:",
        "spent",
        ("Rp 90.000.000", "Rp 84.800.000"),
        "catat dana",
    ),
    Case(
        "closing-balance-mismatch",
        {LAPORAN: report(closing_balance=31_000_000)},
        LAPORAN,
        "closing_balance:",
        "closing_balance",
        ("Rp 31.000.000", "Rp 32.000.000", "Rp 12.000.000 + Rp 50.000.000 − Rp 30.000.000"),
        "closing_balance: 32000000",
        built=True,
    ),
    Case(
        "entry-outside-period",
        {LAPORAN: report(("- date: 2025-02-03", "- date: 2026-02-03"))},
        LAPORAN,
        "2026-02-03",
        "expenses › #1 › date",
        ("2026-02-03", "di luar periode laporan 2025"),
        "periode yang sesuai",
    ),
    Case(
        "entry-outside-quarter",
        {LAPORAN: report(("period: 2025", "period: 2025-Q1"), ("- date: 2025-02-03", "- date: 2025-04-01"))},
        LAPORAN,
        "2025-04-01",
        "expenses › #1 › date",
        ("2025-01-01 s.d. 2025-03-31",),
        "periode yang sesuai",
    ),
    Case(
        "completed-with-progress-60",
        {JALAN: prog(status="completed", end="2025-06-30")},
        JALAN,
        "progress:",
        "progress",
        ("completed", "60"),
        "progress: 100",
    ),
    Case(
        "end-before-start",
        {JALAN: prog(end="2025-01-31")},
        JALAN,
        "end:",
        "end",
        ("2025-01-31", "2025-03-01"),
        "Periksa kedua tanggal",
    ),
    Case(
        "partner-on-blm-line",
        {
            "data/partners.yml": PARTNERS,
            JALAN: prog(("- source: BLM\n", "- source: BLM\n  partner: pt-sumber-rejeki\n")),
        },
        JALAN,
        "partner: pt-sumber-rejeki",
        "funding › #1 › partner",
        ("CSR dan donasi",),
        "Hapus partner",
    ),
    Case(
        "women-more-than-people",
        {JALAN: prog(("women: 160", "women: 400"))},
        JALAN,
        "women:",
        "beneficiaries › women",
        ("400", "312"),
        "bagian dari people",
    ),
    Case(
        "plan-year-outside-period",
        {"data/plan.yml": PLAN.replace("year: 2025", "year: 2029")},
        "data/plan.yml",
        "year:",
        "items › #1 › year",
        ("2029", "2024-2026"),
        "Perbaiki tahunnya",
    ),
    # --- references and duplicates ------------------------------------------------------------
    Case(
        "missing-partner",
        {"data/partners.yml": PARTNERS, JALAN: prog(partners=["pt-sumber-rezeki"])},
        JALAN,
        "- pt-sumber-rezeki",
        "partners › #1",
        ('"pt-sumber-rezeki" tidak ditemukan di data/partners.yml',),
        "Mungkin maksudnya pt-sumber-rejeki?",
        built=True,
    ),
    Case(
        "missing-partners-file",
        {JALAN: prog(partners=["pt-sumber-rejeki"])},
        JALAN,
        "- pt-sumber-rejeki",
        "partners › #1",
        ("tidak ditemukan di data/partners.yml",),
        "belum memuat kode apa pun",
    ),
    Case(
        "missing-plan-item",
        {"data/plan.yml": PLAN, JALAN: prog(plan_item="pjm-2025-99")},
        JALAN,
        "plan_item:",
        "plan_item",
        ('"pjm-2025-99" tidak ditemukan di data/plan.yml',),
        "pjm-2025-01",
    ),
    Case(
        "report-names-missing-programme",
        {JALAN: PROG, LAPORAN: report(("  amount: 30000000", "  amount: 30000000\n  programme: jalan-rusak"))},
        LAPORAN,
        "programme: jalan-rusak",
        "expenses › #1 › programme",
        ("tidak ditemukan di data/programmes/",),
        "jalan",
    ),
    Case(
        "story-names-missing-programme",
        {
            "data/achievements.yml": yml(
                {"stories": [{"name": "Bu Yati", "programme": "bedah-rumah", "quote": "Rumah saya kini kering."}]}
            )
        },
        "data/achievements.yml",
        "programme:",
        "stories › #1 › programme",
        ('"bedah-rumah" tidak ditemukan',),
        "belum memuat kode apa pun",
    ),
    Case(
        "duplicate-partner-slug",
        {"data/partners.yml": PARTNERS + PARTNERS.replace("PT Sumber Rejeki", "PT Lain")},
        "data/partners.yml",
        4,
        "#2 › slug",
        ('"pt-sumber-rejeki" dipakai lebih dari sekali',),
        "unik",
    ),
    Case(
        "duplicate-plan-id",
        {"data/plan.yml": PLAN + PLAN.split("items:\n")[1]},
        "data/plan.yml",
        11,
        "items › #2 › id",
        ('"pjm-2025-01" dipakai lebih dari sekali',),
        "unik",
    ),
    Case(
        "duplicate-report-period",
        {LAPORAN: REPORT, "data/reports/2025-ulang.yml": REPORT},
        "data/reports/2025.yml",
        "period:",
        "period",
        ("Periode 2025 sudah dipakai laporan 2025-ulang",),
        "cukup satu laporan",
    ),
    # --- files the data points at ---------------------------------------------------------------
    Case(
        "missing-photo",
        {JALAN: prog(cover="images/jalan/sampul.jpg")},
        JALAN,
        "cover:",
        "cover",
        ('"images/jalan/sampul.jpg" tidak ditemukan',),
        "content/images/jalan/sampul.jpg",
        built=True,
    ),
    Case(
        "photo-name-in-other-case",
        {"content/images/jalan/Sampul.JPG": b"\xff\xd8\xff", JALAN: prog(cover="images/jalan/sampul.jpg")},
        JALAN,
        "cover:",
        "cover",
        ('"images/jalan/sampul.jpg" tidak ditemukan',),
        "huruf besar-kecil berpengaruh",
    ),
    Case(
        "missing-audit-document",
        {
            LAPORAN: report(
                audit={"auditor": "KAP Contoh", "date": "2026-02-10", "opinion": "Wajar", "document": "files/audit.pdf"}
            )
        },
        LAPORAN,
        "document:",
        "audit › document",
        ('"files/audit.pdf" tidak ditemukan',),
        "content/files/audit.pdf",
    ),
    Case(
        "photo-path-leaves-docs",
        {JALAN: prog(cover="../data/bkm.yml")},
        JALAN,
        "cover:",
        "cover",
        ("keluar dari folder halaman",),
        "Pindahkan berkasnya ke dalam content/",
    ),
    Case(
        "photo-path-absolute",
        {JALAN: prog(cover="/etc/passwd")},
        JALAN,
        "cover:",
        "cover",
        ("harus relatif",),
        "images/nama-program/foto.jpg",
    ),
    # --- privacy ----------------------------------------------------------------------------------
    Case(
        "nik-in-description",
        {JALAN: prog(description=f"Penerima: Pak Ujang, NIK {NIK}.")},
        JALAN,
        "description:",
        "description",
        ("16 digit", "NIK", "dibaca siapa saja"),
        "Hapus nomornya",
        built=True,
    ),
    Case(
        "nik-as-yaml-integer",
        {JALAN: prog(("people: 312", f"people: {NIK}"))},
        JALAN,
        "people:",
        "beneficiaries › people",
        ("16 digit",),
        "Hapus nomornya",
        count=2,
    ),  # also: too large a count
    Case(
        "nik-with-spaces-in-story",
        {
            "data/achievements.yml": yml(
                {"stories": [{"name": "Bu Yati", "quote": "Nomor KK saya 3273 0123 4567 8901."}]}
            )
        },
        "data/achievements.yml",
        "quote:",
        "stories › #1 › quote",
        ("16 digit",),
        "Hapus nomornya",
    ),
    Case(
        "phone-in-report",
        {LAPORAN: report(("description: Paving block 1.200 buah", f"description: Bayar ke Pak Asep {OTHER_PHONE}"))},
        LAPORAN,
        "Pak Asep",
        "expenses › #1 › description",
        ("nomor telepon", "tidak boleh diterbitkan"),
        "bagian contact",
    ),
    Case(
        "phone-in-bkm-about",
        {"data/bkm.yml": BKM.replace("lembaga warga", f"lembaga warga (Pak RT: {OTHER_PHONE})")},
        "data/bkm.yml",
        "Pak RT",
        "about",
        ("nomor telepon",),
        "bagian contact",
    ),
    Case(
        "phone-in-content-page",
        {"content/tentang.md": f"# Tentang\n\nHubungi Bu Ani di {OTHER_PHONE}.\n"},
        "content/tentang.md",
        "Bu Ani",
        "",
        ("nomor telepon",),
        "bagian contact",
        built=True,
    ),
    Case(
        "nik-in-content-page",
        {"content/warga.md": f"# Warga\n\nPenerima:\n\n- Pak Ujang ({NIK})\n"},
        "content/warga.md",
        "Pak Ujang",
        "",
        ("16 digit",),
        "Hapus nomornya",
    ),
    Case(
        "content-page-not-utf8",
        {"content/tentang.md": "# Tentang\n\nKopi di kafé.\n".encode("latin-1")},
        "content/tentang.md",
        "kaf",
        "",
        ("bukan teks UTF-8",),
        "Simpan ulang sebagai UTF-8",
    ),
    Case(
        "story-full-name",
        {
            "data/achievements.yml": yml(
                {"stories": [{"name": "Pak Dedi Supriadi", "quote": "Rumah saya kini kering."}]}
            )
        },
        "data/achievements.yml",
        "name:",
        "stories › #1 › name",
        ("nama lengkap", "privasi"),
        'Tulis misalnya "Pak Dedi" atau "Pak Dedi S."',
    ),
]


def make(make_site, case: Case):
    site = make_site()
    for rel, content in case.files.items():
        target = site.path / rel
        if content is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return site


def problems_of(site) -> list[Problem]:
    with pytest.raises(DataError) as raised:
        load_site(site.path / "data", site.path / "content", site.path)
    return raised.value.problems


ENGLISH = re.compile(r"\b(should|required|Input|Value error|valid|Unable)\b")


def the_problem(case: Case, found: list[Problem]) -> Problem:
    listing = "\n\n".join(str(p) for p in found)
    assert len(found) == case.count, listing
    assert not any(ENGLISH.search(p.message) for p in found), listing
    assert {p.file for p in found} == {case.file}, listing
    matching = [
        p
        for p in found
        if p.line == case.line() and p.field == case.field and all(words in p.message for words in case.says)
    ]
    assert len(matching) == 1, (
        f"not one problem at line {case.line()}, field {case.field!r}, saying {case.says}:\n{listing}"
    )
    problem = matching[0]
    assert problem.hint and case.hint in problem.hint, listing
    return problem


def test_there_is_a_case_for_every_kind_of_problem():
    assert len(CASES) >= 35
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_loader_locates_the_problem_and_says_what_to_write(case, make_site):
    the_problem(case, problems_of(make(make_site, case)))


BUILT = [c for c in CASES if c.built]


@pytest.mark.slow
@pytest.mark.parametrize("case", BUILT, ids=[c.id for c in BUILT])
def test_build_and_check_stop_with_the_same_message(case, make_site):
    site = make(make_site, case)
    problem = the_problem(case, problems_of(site))
    where = f"{case.file}, baris {case.line()}"
    for run in (site.build(), site.check()):
        assert run.returncode == 1, run.output
        assert "Traceback" not in run.output, run.output
        assert str(problem) in run.output, run.output
        assert where in run.output and f"→ {problem.hint}" in run.output
        assert "Situs TIDAK dibangun" in run.output
    assert not (site.site_dir / "index.html").exists()
    assert not (site.path / "diretas").exists()  # the python tag case must not have run its command


def test_several_problems_in_several_files_are_reported_together(make_site):
    site = make_site(
        programmes={"jalan": prog(progress=120), "posyandu": prog(status="selesai", spent=-1)},
        reports={"2025": report(closing_balance=1)},
        partners={"slug": "pt-a"},
        content={"tentang.md": f"# Tentang\n\n{OTHER_PHONE}\n"},
    )
    expected = {
        ("data/programmes/jalan.yml", "progress"),
        ("data/programmes/posyandu.yml", "status"),
        ("data/programmes/posyandu.yml", "spent"),
        ("data/reports/2025.yml", "closing_balance"),
        ("data/partners.yml", ""),
        ("content/tentang.md", ""),
    }
    assert {(p.file, p.field) for p in problems_of(site)} == expected
    run = site.build()
    assert run.returncode == 1 and "Traceback" not in run.output
    assert f"Data BKM belum benar: {len(expected)} masalah ditemukan" in run.output
    for file, _ in expected:
        assert f"\n{file}, baris " in run.output
    assert len(re.findall(r"^  → ", run.output, flags=re.M)) == len(expected)
    assert not site.site_dir.exists() or not any(site.site_dir.rglob("*.html"))


def test_broken_profile_does_not_hide_other_files_problems(make_site):
    site = make_site(
        bkm=BKM.replace("name: BKM Maju Bersama", "nama: BKM Maju Bersama"),
        programmes={"jalan": prog(progress=120)},
        content={"tentang.md": f"# Tentang\n\n{OTHER_PHONE}\n"},
    )
    found = {(p.file, p.field) for p in problems_of(site)}
    assert found == {("data/bkm.yml", "nama"), ("data/programmes/jalan.yml", "progress"), ("content/tentang.md", "")}


def test_a_file_with_errors_is_not_reported_again_at_every_reference(make_site):
    """The report names a programme whose file has an error, and the programme a partner in a broken file."""
    site = make_site(
        programmes={"jalan": prog(progress=120, partners=["pt-sumber-rejeki"])},
        reports={"2025": report(("  amount: 30000000", "  amount: 30000000\n  programme: jalan"))},
        partners=PARTNERS.replace("kind: swasta", "kind: 'swasta"),
    )
    assert {(p.file, p.field) for p in problems_of(site)} == {
        ("data/programmes/jalan.yml", "progress"),
        ("data/partners.yml", ""),
    }


# --- what is fine ------------------------------------------------------------------------------


def test_bom_and_crlf_files_load(make_site):
    bom, crlf = "\ufeff", lambda text: text.replace("\n", "\r\n")
    site = make_site(
        bkm=(bom + crlf(BKM)).encode("utf-8"),
        programmes={"jalan": (bom + crlf(PROG)).encode("utf-8"), "posyandu": crlf(prog(title="Posyandu")).encode()},
        reports={"2025": (bom + REPORT).encode("utf-8")},
        content={"tentang.md": (bom + crlf("# Tentang\n\nKami.\n")).encode("utf-8")},
    )
    data = load_site(site.path / "data", site.path / "content", site.path)
    assert data.profile.name == MINIMAL_BKM["name"]
    assert data.programmes["jalan"].title == minimal_programme()["title"]
    assert data.programmes["posyandu"].description == minimal_programme()["description"].strip()
    assert data.reports["2025"].closing_balance == minimal_report()["closing_balance"]


def test_fine_data_that_looks_suspicious_is_accepted(make_site):
    """Amounts that look like phone numbers, the BKM's own number, quoted dates and an empty folder."""
    official = MINIMAL_BKM["contact"]["whatsapp"]
    site = make_site(
        programmes={
            "jalan": prog(
                ("start: 2025-03-01", "start: '2025-03-01'"),
                description=f"Dana Rp 62.812.345.000 dari kota. Tanya: {official}.",
                funding=[{"source": "APBD", "planned": 6_281_234_567, "received": 6_281_234_567}],
            )
        },
        content={"kontak.md": "# Kontak\n\nWA 0812 3456 7890\n"},
        achievements={
            "stories": [{"name": name, "quote": "Terima kasih."} for name in ("Bu Yati", "Yati S.", "Pak Dedi", "A.")]
        },
    )
    (site.path / "data" / "reports").mkdir()
    data = load_site(site.path / "data", site.path / "content", site.path)
    assert str(data.programmes["jalan"].start) == "2025-03-01"
    assert data.programmes["jalan"].target == 6_281_234_567
    assert data.reports == {}


def test_check_passes_a_valid_site(make_site):
    run = make_site(programmes={"jalan": PROG}, reports={"2025": REPORT}).check()
    assert run.returncode == 0, run.output
    assert "benar: 1 program, 1 laporan" in run.output


# --- configuration -------------------------------------------------------------------------------


@pytest.mark.slow
def test_other_theme_is_refused_clearly(make_site):
    site = make_site(mkdocs={"theme": {"name": "mkdocs"}})
    for run in (site.build(), site.check()):
        assert run.returncode == 1, run.output
        assert "membutuhkan tema mkdocs-material, bukan 'mkdocs'" in run.output
        assert "name: material" in run.output and "Traceback" not in run.output
    assert not (site.site_dir / "index.html").exists()


def test_data_dir_option_reads_another_folder(make_site):
    site = make_site(programmes={"jalan": PROG}, mkdocs={"plugins": ["search", {"bkm": {"data_dir": "isi"}}]})
    (site.path / "data").rename(site.path / "isi")
    site_dir = site.build_inprocess()
    page = BeautifulSoup((site_dir / "program/jalan/index.html").read_text(encoding="utf-8"), "html.parser")
    assert minimal_programme()["title"] in page.title.get_text()

    (site.path / "isi/programmes/jalan.yml").write_text(prog(progress=120), encoding="utf-8")
    run = site.check()
    assert run.returncode == 1 and "\nisi/programmes/jalan.yml, baris 27" in run.output, run.output


def test_data_dir_option_references_name_that_folder(make_site):
    site = make_site(programmes={"jalan": prog(partners=["pt-a"])})
    (site.path / "data").rename(site.path / "isi")
    with pytest.raises(DataError) as raised:
        load_site(site.path / "isi", site.path / "content", site.path)
    assert "tidak ditemukan di isi/partners.yml" in raised.value.problems[0].message


@pytest.mark.slow
def test_missing_data_dir_is_a_clear_error(make_site):
    site = make_site(mkdocs={"plugins": ["search", {"bkm": {"data_dir": "isi"}}]})
    for run in (site.build(), site.check()):
        assert run.returncode == 1, run.output
        assert "Folder data 'isi' tidak ditemukan" in run.output and "data_dir" in run.output
        assert "Traceback" not in run.output
    assert not (site.site_dir / "index.html").exists()


# --- hostile text ------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[tautan-js](javascript:alert(1))",
    "[tautan-js-besar](JaVaScRiPt:alert(1))",
    "[tautan-spasi]( java\tscript:alert(1))",
    "[tautan-data](data:text/html,<script>alert(1)</script>)",
    "[tautan-vb](vbscript:msgbox(1))",
    "![gambar-js](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    "<svg onload=alert(1)>",
]
EVIL = " ".join(HOSTILE)


def evil_within(limit: int) -> str:
    """As many hostile texts as a field of ``limit`` characters holds (a programme's title and summary)."""
    return next(" ".join(HOSTILE[:n]) for n in range(len(HOSTILE), 0, -1) if len(" ".join(HOSTILE[:n])) <= limit)


UNSAFE_URL = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import Site, _write

    root = tmp_path_factory.mktemp("hostile")
    _write(
        root / "mkdocs.yml",
        {
            "site_name": "BKM Maju Bersama",
            "docs_dir": "content",
            "theme": {"name": "material", "language": "id"},
            "plugins": ["search", "bkm"],
        },
    )
    # Editors' own pages may hold HTML (MkDocs' choice); their Markdown links are still made safe.
    _write(
        root / "content/tentang.md",
        "# Tentang kami\n\n" + " ".join(h for h in HOSTILE if h.startswith(("[", "!["))) + "\n",
    )
    _write(
        root / "data/bkm.yml",
        {
            **MINIMAL_BKM,
            "name": "BKM <script>alert(1)</script>",
            "tagline": EVIL,
            "about": EVIL,
            "complaints": EVIL,
            "address": EVIL,
            "board": [{"name": "<b>Siti</b>", "role": EVIL}],
        },
    )
    _write(root / "data/partners.yml", [{"slug": "pt-a", "name": EVIL, "kind": "swasta", "contribution": EVIL}])
    _write(
        root / "data/plan.yml",
        {
            "title": EVIL,
            "period": {"start": 2024, "end": 2026},
            "items": [
                {"id": "pjm-1", "title": EVIL, "sector": "sosial", "year": 2025, "budget": 1_000_000, "location": EVIL}
            ],
        },
    )
    _write(
        root / "data/achievements.yml",
        {
            "milestones": [{"date": "2024-01-01", "title": EVIL, "description": EVIL}],
            "stories": [{"name": "Yati", "programme": "jalan", "quote": EVIL}],
        },
    )
    _write(
        root / "data/programmes/jalan.yml",
        minimal_programme(
            title=evil_within(120),
            summary=evil_within(200),
            description=EVIL,
            location=EVIL,
            ksm=EVIL,
            partners=["pt-a"],
            plan_item="pjm-1",
            outputs=[{"label": EVIL, "volume": 1, "unit": EVIL}],
            updates=[{"date": "2025-04-10", "title": EVIL, "body": EVIL}],
            help={"needs": [EVIL], "volunteer": True},
            funding=[{"source": "CSR", "partner": "pt-a", "planned": 10_000, "received": 5_000}],
        ),
    )
    _write(
        root / "data/reports/2025.yml",
        minimal_report(
            title=EVIL,
            income=[{"date": "2025-01-15", "source": "donasi", "description": EVIL, "amount": 5, "programme": "jalan"}],
            expenses=[{"date": "2025-02-03", "category": EVIL, "description": EVIL, "amount": 1, "programme": "jalan"}],
            audit={"auditor": EVIL, "date": "2026-02-10", "opinion": EVIL},
            approved={"event": EVIL, "date": "2026-03-01"},
        ),
    )
    return Site(root).build_inprocess()


def html_files(site_dir: Path) -> list[Path]:
    files = sorted(site_dir.rglob("*.html"))
    assert len(files) >= 5
    return files


def test_hostile_text_never_becomes_markup(hostile_site):
    for path in html_files(hostile_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(hostile_site)
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text() and "msgbox" not in script.get_text(), where
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), (where, element)
                if name.lower() in ("href", "src", "action", "formaction", "xlink:href", "srcset"):
                    target = re.sub(r"[\s\x00-\x1f]", "", str(value))
                    assert not UNSAFE_URL.match(target), (where, element)
        assert not soup.find("svg", attrs={"onload": True}) and not soup.find("img", src="x"), where


def test_hostile_text_stays_visible_as_text(hostile_site):
    page = BeautifulSoup((hostile_site / "program/jalan/index.html").read_text(encoding="utf-8"), "html.parser")
    text = page.get_text(" ")
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "tautan-js" in text and "gambar-js" in text
    editor_page = BeautifulSoup((hostile_site / "tentang/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "tautan-js-besar" in editor_page.get_text(" ")


def test_quotes_in_data_keep_attributes_intact(make_site):
    """Everyday text: a summary with double quotes and an ampersand is the whole meta description."""
    summary = 'Program "Jumat Berkah" untuk lansia & anak'
    site_dir = make_site(programmes={"jumat": prog(summary=summary)}).build_inprocess()
    head = BeautifulSoup((site_dir / "program/jumat/index.html").read_text(encoding="utf-8"), "html.parser").head
    descriptions = [
        m.get("content")
        for m in head.find_all("meta")
        if m.get("name") == "description" or m.get("property") == "og:description"
    ]
    assert descriptions and all(d == summary for d in descriptions), descriptions
