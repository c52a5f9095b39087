"""Checks that span fields or files: money, dates, references, duplicates, and the ledger rules.

Each check returns problems located in the file where the editor must fix them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..formatting import Formatter, rupiah_plain
from ..ledger import Ledger, Line, ProgrammeBooks
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
    if p.spent is not None and p.spent > p.raised and not _received_omitted(p):
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


# --- the ledger (data-format.md, "Ledger rules") ------------------------------

LEDGER_HINT_NEST = (
    "Laporan yang berada di dalam laporan lain mencatat transaksi yang sama: samakan tanggal, sumber, "
    "jenis dan jumlahnya di kedua berkas."
)


NEST_TOTAL = {
    "income": "Pemasukan laporan ini berjumlah {mine}, tetapi pemasukan {other} bertanggal {span} berjumlah {theirs}.",
    "expenses": "Pengeluaran laporan ini berjumlah {mine}, tetapi pengeluaran {other} bertanggal {span} berjumlah "
    "{theirs}.",
}
NEST_GROUP = {
    "income": "Pemasukan sumber {group} di laporan ini {mine}, tetapi di {other} untuk {span} {theirs}.",
    "expenses": "Pengeluaran jenis {group} di laporan ini {mine}, tetapi di {other} untuk {span} {theirs}.",
}


def check_ledger(site: SiteData, ledger: Ledger, docs: dict[str, YamlDoc]) -> list[Problem]:
    """Every ledger rule: dates, chain, nesting, programmes ↔ lines.

    Covered programmes that omit ``received`` (cash lines) or ``spent`` get them filled in here from
    their lines, so every page shows the computed figure.
    """
    out = check_dates(site, ledger, docs)
    out += check_chain(site, ledger, docs)
    out += check_nesting(site, ledger, docs)
    for slug, p in site.programmes.items():
        out += reconcile_programme(p, ledger.programme(slug), docs[f"programme:{slug}"], docs)
    return out


def _when(day: date) -> str:
    return Formatter("id").date(day)


def _period(r: Report) -> str:
    return f"{r.period} ({Formatter('id').period(r.period)})"


def check_dates(site: SiteData, ledger: Ledger, docs: dict[str, YamlDoc]) -> list[Problem]:
    """Rule 6: nothing is dated after today; a report's period has begun."""
    out: list[Problem] = []
    today = ledger.today
    hint = (
        "Situs hanya mencatat yang sudah terjadi: periksa tahun dan bulannya, atau tambahkan data ini "
        "setelah tanggalnya tiba."
    )

    def future(doc: YamlDoc, path: tuple, what: str, day: date) -> None:
        if day > today:
            out.append(doc.problem(path, f"{what} {day} belum terjadi: hari ini {_when(today)}.", hint))

    for slug, r in site.reports.items():
        doc = docs[f"report:{slug}"]
        if r.period.start > today:
            out.append(
                doc.problem(
                    ("period",),
                    f"Periode laporan {r.period} belum dimulai: periode itu mulai {_when(r.period.start)}, "
                    f"hari ini {_when(today)}.",
                    "Periksa tahunnya; laporan dibuat untuk periode yang sudah berjalan atau sudah lewat.",
                )
            )
        for name, days in (("income", [x.date for x in r.income]), ("expenses", [x.date for x in r.expenses])):
            for i, day in enumerate(days):
                future(doc, (name, i, "date"), "Tanggal transaksi", day)
        if r.audit:
            future(doc, ("audit", "date"), "Tanggal audit", r.audit.date)
        if r.approved:
            future(doc, ("approved", "date"), "Tanggal pengesahan", r.approved.date)
    for slug, p in site.programmes.items():
        doc = docs[f"programme:{slug}"]
        for i, update in enumerate(p.updates):
            future(doc, ("updates", i, "date"), "Tanggal kabar", update.date)
    if site.achievements:
        doc = docs["achievements"]
        for i, milestone in enumerate(site.achievements.milestones):
            future(doc, ("milestones", i, "date"), "Tanggal capaian", milestone.date)
    return out


def check_chain(site: SiteData, ledger: Ledger, docs: dict[str, YamlDoc]) -> list[Problem]:
    """Rule 1: for adjacent reports, the later opening balance is the earlier closing balance."""
    out = []
    for later in site.reports.values():
        for earlier in site.reports.values():
            if earlier.period.end + timedelta(days=1) != later.period.start:
                continue
            if later.opening_balance == earlier.computed_closing:
                continue
            other = docs[f"report:{earlier.slug}"].rel
            out.append(
                docs[f"report:{later.slug}"].problem(
                    ("opening_balance",),
                    f"Saldo awal {rupiah_plain(later.opening_balance)} tidak menyambung dengan saldo akhir laporan "
                    f"sebelumnya, {other} periode {_period(earlier)}: {rupiah_plain(earlier.computed_closing)}.",
                    f"Laporan yang berurutan harus bersambung: tulis opening_balance: {earlier.computed_closing}, "
                    f"atau periksa transaksi di {other}.",
                )
            )
    return out


def check_nesting(site: SiteData, ledger: Ledger, docs: dict[str, YamlDoc]) -> list[Problem]:
    """Rule 2: a report inside another holds the outer report's lines of its period, and its opening balance
    is the outer opening plus the outer lines before it."""
    out: list[Problem] = []
    for outer_slug, outer_books in ledger.reports.items():
        outer = site.reports[outer_slug]
        other = docs[f"report:{outer_slug}"].rel
        for inner_slug in outer_books.inside:
            inner, doc = site.reports[inner_slug], docs[f"report:{inner_slug}"]
            start, end = inner.period.start, inner.period.end
            span = f"{_when(start)} s.d. {_when(end)}"
            before = outer.opening_balance + sum(x.amount for x in outer.income if x.date < start)
            before -= sum(x.amount for x in outer.expenses if x.date < start)
            if inner.opening_balance != before:
                out.append(
                    doc.problem(
                        ("opening_balance",),
                        f"Saldo awal {rupiah_plain(inner.opening_balance)} tidak sama dengan saldo {other} pada "
                        f"awal periode ini: saldo awalnya ditambah transaksinya sebelum {_when(start)} = "
                        f"{rupiah_plain(before)}.",
                        f"Laporan {inner.period} berada di dalam laporan {outer.period}: tulis opening_balance: "
                        f"{before}, atau periksa transaksi {other} sebelum {_when(start)}.",
                    )
                )
            for name, key in (("income", "source"), ("expenses", "category")):
                mine: list = getattr(inner, name)
                theirs = [x for x in getattr(outer, name) if start <= x.date <= end]
                total_mine, total_theirs = sum(x.amount for x in mine), sum(x.amount for x in theirs)
                if total_mine != total_theirs:
                    out.append(
                        doc.problem(
                            (name,),
                            NEST_TOTAL[name].format(
                                mine=rupiah_plain(total_mine), other=other, span=span, theirs=rupiah_plain(total_theirs)
                            ),
                            LEDGER_HINT_NEST,
                            key=True,
                        )
                    )
                by_mine, by_theirs = _sum_by_key(mine, key), _sum_by_key(theirs, key)
                for k in sorted(set(by_mine) | set(by_theirs), key=str):
                    if by_mine.get(k, 0) == by_theirs.get(k, 0):
                        continue
                    first = next((i for i, x in enumerate(mine) if getattr(x, key) == k), None)
                    out.append(
                        doc.problem(
                            (name, first, key) if first is not None else (name,),
                            NEST_GROUP[name].format(
                                group=k,
                                mine=rupiah_plain(by_mine.get(k, 0)),
                                other=other,
                                span=span,
                                theirs=rupiah_plain(by_theirs.get(k, 0)),
                            ),
                            LEDGER_HINT_NEST,
                            key=first is None,
                        )
                    )
    return out


def _sum_by_key(lines: list, key: str) -> dict:
    totals: dict = {}
    for line in lines:
        totals[getattr(line, key)] = totals.get(getattr(line, key), 0) + line.amount
    return totals


def _where(lines: Iterable[Line], docs: dict[str, YamlDoc]) -> str:
    """``data/reports/2024.yml baris 5, 7``: the report lines a sum comes from."""
    by_report: dict[str, list[str]] = {}
    for line in lines:
        by_report.setdefault(line.report, []).append(str(line.yaml_line or f"#{line.position}"))
    if not by_report:
        return "tidak ada baris laporan"
    return "; ".join(f"{docs[f'report:{slug}'].rel} baris {', '.join(nums)}" for slug, nums in by_report.items())


def reconcile_programme(p: Programme, books: ProgrammeBooks, doc: YamlDoc, docs: dict[str, YamlDoc]) -> list[Problem]:
    """Rule 5: a covered programme's cash ``received`` per source and ``spent`` equal its tagged lines.

    Figures the editor left out are computed from the lines (covered or not: what the reports say
    so far); typed figures of a programme that is not covered are kept as typed.
    """
    out: list[Problem] = []
    tagged_by_source: dict[str, list[Line]] = {}
    for line in books.lines:
        if line.kind == "income":
            tagged_by_source.setdefault(line.source or "", []).append(line)
    computed: set[str] = set()
    cash = [(i, f) for i, f in enumerate(p.funding) if not f.in_kind]
    for source in dict.fromkeys([f.source for _, f in cash]):
        rows = [(i, f) for i, f in cash if f.source == source]
        omitted = [(i, f) for i, f in rows if "received" not in f.model_fields_set]
        tagged = sum(x.amount for x in tagged_by_source.get(source, []))
        if omitted and (books.covered or books.lines):
            partnered = [(i, f) for i, f in omitted if f.partner]
            for _, f in partnered:
                f.received = sum(x.amount for x in tagged_by_source.get(source, []) if x.partner == f.partner)
            rest = [(i, f) for i, f in omitted if not f.partner]
            if len(rest) > 1:
                out.append(
                    doc.problem(
                        ("funding", rest[1][0]),
                        f"Ada {len(rest)} baris funding {source} tanpa mitra dan tanpa received, sehingga "
                        "pemasukan dari laporan tidak bisa dibagi ke baris-barisnya.",
                        "Tulis received di semua baris itu kecuali satu, atau gabungkan barisnya.",
                    )
                )
            elif rest:
                i, f = rest[0]
                f.received = max(tagged - sum(g.received for j, g in rows if j != i), 0)
            computed.add(f"received:{source}")
        typed = sum(f.received for _, f in rows)
        if books.covered and typed != tagged:
            i, f = next(((i, f) for i, f in rows if "received" in f.model_fields_set), rows[0])
            several = len(rows) > 1
            out.append(
                doc.problem(
                    ("funding", i, "received") if "received" in f.model_fields_set else ("funding", i),
                    f"Dana {source} diterima (received{' semua baris ' + source if several else ''}) "
                    f"{rupiah_plain(typed)}, tetapi pemasukan {source} di laporan yang ditandai "
                    f"programme: {p.slug} berjumlah {rupiah_plain(tagged)} "
                    f"({_where(tagged_by_source.get(source, []), docs)}).",
                    "Laporan mencakup seluruh masa program ini, jadi keduanya harus sama: perbaiki received, "
                    "catat pemasukan yang terlewat di laporan (dengan programme: "
                    f"{p.slug}), atau hapus received supaya dihitung dari laporan.",
                )
            )
    cash_sources = {f.source for _, f in cash}
    for name, lines in tagged_by_source.items():
        if name in cash_sources or not books.covered:
            continue
        amount = sum(x.amount for x in lines)
        out.append(
            doc.problem(
                ("funding",),
                f"Laporan mencatat pemasukan {name} {rupiah_plain(amount)} untuk program ini "
                f"({_where(lines, docs)}), tetapi funding tidak punya baris {name} yang tunai.",
                f"Tambahkan baris funding {{source: {name}, planned: ..., received: {amount}}}, atau perbaiki "
                "source/programme baris laporannya.",
                key=True,
            )
        )
    in_kind = sum(f.received for f in p.funding if f.in_kind)
    spent_lines = [x for x in books.lines if x.kind == "expense"]
    if "spent" not in p.model_fields_set and p.spent is None and (books.covered or spent_lines):
        p.spent = books.expenses + in_kind
        computed.add("spent")
    elif books.covered and p.spent is not None and p.spent - in_kind != books.expenses:
        out.append(
            doc.problem(
                ("spent",),
                f"Dana dibelanjakan (spent) {rupiah_plain(p.spent)} dikurangi bantuan natura yang diterima "
                f"{rupiah_plain(in_kind)} = {rupiah_plain(p.spent - in_kind)}, tetapi pengeluaran di laporan yang "
                f"ditandai programme: {p.slug} berjumlah {rupiah_plain(books.expenses)} ({_where(spent_lines, docs)}).",
                f"Bantuan natura (in_kind) dihitung terpakai saat diterima. Tulis spent: {books.expenses + in_kind}, "
                "catat pengeluaran yang terlewat di laporan, atau hapus spent supaya dihitung dari laporan.",
            )
        )
    if p.spent is not None and p.spent > p.raised and _received_omitted(p):
        out.append(
            doc.problem(
                ("spent",) if "spent" in p.model_fields_set else ("funding",),
                f"Dana terpakai (spent) {rupiah_plain(p.spent)} melebihi dana yang sudah diterima "
                f"{rupiah_plain(p.raised)} (jumlah semua 'received', sebagian dihitung dari laporan).",
                "Periksa baris laporan yang ditandai program ini: pengeluarannya melebihi pemasukannya.",
                key="spent" not in p.model_fields_set,
            )
        )
    books.computed = frozenset(computed)
    return out


def _received_omitted(p: Programme) -> bool:
    """A cash funding line leaves out ``received``: its figure comes from the ledger, checked after it."""
    return any("received" not in f.model_fields_set for f in p.funding if not f.in_kind)
