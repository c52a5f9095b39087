"""Checks that span fields or files: money, dates, references, duplicates.

Each check returns problems located in the file where the editor must fix them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..formatting import rupiah_plain
from ..models.extras import Achievements, Plan
from ..models.programme import PARTNER_SOURCES, Programme
from ..models.report import Expense, Income, Report
from ..models.site import SiteData
from .crossfile import suggest
from .problems import Problem
from .yamlfile import YamlDoc

HONORIFICS = {
    "bu",
    "ibu",
    "pak",
    "bapak",
    "mbak",
    "mba",
    "mas",
    "teh",
    "teteh",
    "kang",
    "akang",
    "nek",
    "nenek",
    "kakek",
    "abah",
    "emak",
    "mak",
    "dik",
    "adik",
    "kak",
    "om",
    "tante",
    "eyang",
    "mbah",
    "ceu",
    "uwa",
}


def check_programme(p: Programme, doc: YamlDoc) -> list[Problem]:
    out = []
    if p.status == "completed" and p.progress != 100:
        out.append(
            doc.problem(
                ("progress",),
                f"Program berstatus completed (selesai) tetapi progress {p.progress}.",
                "Tulis progress: 100, atau ubah status menjadi ongoing.",
            )
        )
    if p.status == "completed" and p.end is None:
        out.append(
            doc.problem(
                ("status",), "Program selesai harus punya tanggal selesai (end).", "Tambahkan misalnya end: 2025-06-30."
            )
        )
    if p.end and p.end < p.start:
        out.append(
            doc.problem(
                ("end",), f"Tanggal selesai {p.end} lebih awal dari tanggal mulai {p.start}.", "Periksa kedua tanggal."
            )
        )
    if p.spent is not None and p.spent > p.raised:
        out.append(
            doc.problem(
                ("spent",),
                f"Dana terpakai (spent) {rupiah_plain(p.spent)} melebihi dana yang sudah diterima "
                f"{rupiah_plain(p.raised)} (jumlah semua 'received').",
                "Periksa spent, atau catat dana yang sudah diterima di baris funding.",
            )
        )
    for i, line in enumerate(p.funding):
        if line.partner and line.source not in PARTNER_SOURCES:
            out.append(
                doc.problem(
                    ("funding", i, "partner"),
                    f"Sumber {line.source} tidak memakai mitra; partner hanya untuk CSR dan donasi.",
                    "Hapus partner di baris ini, atau ubah source menjadi CSR atau donasi.",
                )
            )
    b = p.beneficiaries
    if b.poor_households > b.households:
        out.append(
            doc.problem(
                ("beneficiaries", "poor_households"),
                f"KK miskin ({b.poor_households}) lebih banyak dari seluruh KK ({b.households}).",
                "KK miskin adalah bagian dari households.",
            )
        )
    if b.women > b.people:
        out.append(
            doc.problem(
                ("beneficiaries", "women"),
                f"Jumlah perempuan ({b.women}) lebih banyak dari seluruh jiwa ({b.people}).",
                "women adalah bagian dari people.",
            )
        )
    seen: set[int] = set()
    for i, photo in enumerate(p.documentation):
        if photo.stage in seen:
            out.append(
                doc.problem(
                    ("documentation", i, "stage"),
                    f"Foto tahap {photo.stage}% ditulis dua kali.",
                    "Satu foto untuk tiap tahap 0, 50 dan 100.",
                )
            )
        seen.add(photo.stage)
    return out


def _lines(r: Report) -> tuple[tuple[str, Sequence[Income | Expense]], ...]:
    return (("income", r.income), ("expenses", r.expenses))


def check_report(r: Report, doc: YamlDoc) -> list[Problem]:
    out = []
    for name, lines in _lines(r):
        for i, line in enumerate(lines):
            if not r.period.contains(line.date):
                out.append(
                    doc.problem(
                        (name, i, "date"),
                        f"Tanggal {line.date} di luar periode laporan {r.period} ({r.period.start} s.d. "
                        f"{r.period.end}).",
                        "Pindahkan transaksi ini ke laporan periode yang sesuai, atau perbaiki tanggalnya.",
                    )
                )
    if r.closing_balance is not None and r.closing_balance != r.computed_closing:
        out.append(
            doc.problem(
                ("closing_balance",),
                f"Saldo akhir tertulis {rupiah_plain(r.closing_balance)}"
                ", tetapi hitungan saldo awal + pemasukan − pengeluaran = "
                f"{rupiah_plain(r.opening_balance)} + {rupiah_plain(r.total_income)} − "
                f"{rupiah_plain(r.total_expenses)} = {rupiah_plain(r.computed_closing)}.",
                "Periksa transaksi yang belum dicatat atau salah ketik; jika hitungan sudah benar, tulis "
                f"closing_balance: {r.computed_closing}.",
            )
        )
    if r.computed_closing < 0:
        out.append(
            doc.problem(
                ("expenses",),
                f"Pengeluaran ({rupiah_plain(r.total_expenses)}) melebihi saldo awal + pemasukan "
                f"({rupiah_plain(r.opening_balance + r.total_income)}).",
                "Periksa apakah ada pemasukan yang belum dicatat.",
            )
        )
    if r.loans and r.loans.women_borrowers > r.loans.borrowers:
        out.append(
            doc.problem(
                ("loans", "women_borrowers"),
                f"Peminjam perempuan ({r.loans.women_borrowers}) lebih banyak dari seluruh peminjam "
                f"({r.loans.borrowers}).",
                "women_borrowers adalah bagian dari borrowers.",
            )
        )
    return out


def check_plan(plan: Plan, doc: YamlDoc) -> list[Problem]:
    out = []
    if plan.period.end < plan.period.start:
        out.append(
            doc.problem(
                ("period", "end"),
                f"Tahun akhir {plan.period.end} sebelum tahun awal {plan.period.start}.",
                "Periksa kedua tahun.",
            )
        )
    out += _duplicates([item.id for item in plan.items], doc, ("items",), "id", "Kode butir PJM")
    for i, item in enumerate(plan.items):
        if not plan.period.start <= item.year <= plan.period.end:
            out.append(
                doc.problem(
                    ("items", i, "year"),
                    f"Tahun {item.year} di luar periode PJM {plan.period.start}-{plan.period.end}.",
                    "Perbaiki tahunnya atau periode PJM.",
                )
            )
    return out


def check_achievements(a: Achievements, doc: YamlDoc) -> list[Problem]:
    out = []
    for i, story in enumerate(a.stories):
        parts = story.name.split()
        is_name = [len(w.rstrip(".")) > 1 and w.lower().rstrip(".") not in HONORIFICS for w in parts]
        names = [w for w, named in zip(parts, is_name, strict=False) if named]
        if len(names) > 1:
            title = parts[: is_name.index(True)]
            out.append(
                doc.problem(
                    ("stories", i, "name"),
                    f'"{story.name}" tampak seperti nama lengkap. Cerita warga hanya memakai nama panggilan atau '
                    "inisial, demi privasi.",
                    f'Tulis misalnya "{" ".join(title + names[:1])}" atau "{" ".join(title + names[:1])} '
                    f'{names[1][0]}.".',
                )
            )
    return out


def check_partners_list(slugs: list[str | None], doc: YamlDoc) -> list[Problem]:
    return _duplicates(slugs, doc, (), "slug", "Kode mitra")


def _duplicates(values: list[str | None], doc: YamlDoc, base: tuple, key: str, what: str) -> list[Problem]:
    """Every repeat of a code after its first use; ``None`` stands for an entry without one."""
    counts = Counter(v for v in values if v is not None)
    return [
        doc.problem(
            (*base, i, key),
            f'{what} "{value}" dipakai lebih dari sekali.',
            "Setiap kode harus unik; ganti salah satunya.",
        )
        for i, value in enumerate(values)
        if value is not None and counts[value] > 1 and values.index(value) != i
    ]


@dataclass(frozen=True)
class Targets:
    """What a reference may name: the file (or folder) that defines it, and every name written there.

    ``names`` includes entries that have errors of their own, so one mistake is
    not reported again at every reference; ``None`` when the file could not be
    read at all, and references to it are not judged.
    """

    file: str
    names: frozenset[str] | None


def check_references(site: SiteData, docs: dict[str, YamlDoc], targets: dict[str, Targets]) -> list[Problem]:
    """References between files: partners, plan items, programmes."""
    out = []

    def missing(doc: YamlDoc, path: tuple, what: str, value: str, kind: str) -> None:
        target = targets[kind]
        if target.names is None or value in target.names:
            return
        close = [name] if (name := suggest(value, target.names)) else []
        if not target.names:
            hint = f"{target.file} belum memuat kode apa pun; tambahkan datanya di sana, atau hapus rujukan ini."
        elif close:
            hint = f"Mungkin maksudnya {close[0]}?"
        else:
            known = sorted(target.names)
            hint = f"Kode yang ada di {target.file}: " + ", ".join(known[:12]) + ("…" if len(known) > 12 else "") + "."
        out.append(
            doc.problem(
                path, f'{what} "{value}" tidak ditemukan di {target.file}.', hint, cause=("missing", kind, value)
            )
        )

    for slug, p in site.programmes.items():
        doc = docs[f"programme:{slug}"]
        for i, ref in enumerate(p.partners):
            missing(doc, ("partners", i), "Mitra", ref, "partners")
        for i, line in enumerate(p.funding):
            if line.partner:
                missing(doc, ("funding", i, "partner"), "Mitra", line.partner, "partners")
        if p.plan_item:
            missing(doc, ("plan_item",), "Butir PJM", p.plan_item, "plan")
    for slug, r in site.reports.items():
        doc = docs[f"report:{slug}"]
        for name, lines in _lines(r):
            for i, entry in enumerate(lines):
                if entry.programme:
                    missing(doc, (name, i, "programme"), "Program", entry.programme, "programmes")
                if partner := getattr(entry, "partner", None):
                    missing(doc, (name, i, "partner"), "Mitra", partner, "partners")
    by_period: dict[str, str] = {}
    for slug, r in site.reports.items():
        if str(r.period) in by_period:
            out.append(
                docs[f"report:{slug}"].problem(
                    ("period",),
                    f"Periode {r.period} sudah dipakai laporan {by_period[str(r.period)]}.",
                    "Setiap periode cukup satu laporan; gabungkan atau perbaiki periodenya.",
                )
            )
        by_period.setdefault(str(r.period), slug)
    if site.achievements:
        doc = docs["achievements"]
        for i, story in enumerate(site.achievements.stories):
            if story.programme:
                missing(doc, ("stories", i, "programme"), "Program", story.programme, "programmes")
    return out
