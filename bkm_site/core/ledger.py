"""One ledger: every report line once, the days the reports cover, and each programme's books.

The programmes and the reports describe the same money (data-format.md, "Ledger
rules"). :func:`build_ledger` reads them once, during ``load_site``, into a
:class:`Ledger` reachable as ``site.ledger``; every total a page, an export or a
check shows comes from here, so each transaction counts once and every figure can
be traced to the report lines it sums.

Words used here:

- A **line** is one income or expense entry of a report. When reports nest
  (``2025-07`` inside ``2025-Q3`` inside ``2025``), :attr:`Ledger.lines` keeps each
  transaction once, from the *outermost* report; inner reports keep their own
  lines in :attr:`ReportBooks.lines` for their pages.
- A line's **anchor** (``pemasukan-3``, ``pengeluaran-12``) is the ``id`` of its row
  on its report's page: the kind and the line's position in the report's list, counted
  from 1 as the editor counts. It stays the same as long as the lines above it do.
- A **stretch** is a run of days (:class:`Stretch`); coverage, gaps and what a
  programme has not had reported yet are stretches.
- **Today** is the build date, or the UTC date of ``SOURCE_DATE_EPOCH`` when set
  (:func:`today`).

Pure Python, no MkDocs: the loader checks the rules (``loading/rules.py``) with
the answers given here.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Literal

from .models.common import Period
from .models.programme import Programme
from .models.report import Report

if TYPE_CHECKING:
    from .loading.yamlfile import YamlDoc
    from .models.site import SiteData

LineKind = Literal["income", "expense"]
ANCHOR_PREFIX: dict[str, str] = {"income": "pemasukan", "expense": "pengeluaran"}
YAML_LIST: dict[str, str] = {"income": "income", "expense": "expenses"}
"""The report's YAML key holding lines of each kind."""

DAY = timedelta(days=1)


class TodayError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set but is not a whole number of seconds."""


def today(environ: dict[str, str] | None = None) -> date:
    """The date the books are judged at: ``SOURCE_DATE_EPOCH`` (UTC) when set, else the local date.

    Reproducible builds set ``SOURCE_DATE_EPOCH``; without it a BKM building at
    06:00 in Bandung gets its own date, not yesterday's in UTC.
    """
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return date.today()
    try:
        return datetime.fromtimestamp(int(value), tz=timezone.utc).date()
    except (ValueError, OverflowError, OSError) as err:
        raise TodayError(value) from err


def line_anchor(kind: LineKind, position: int) -> str:
    """The ``id`` of a line's row on its report page: ``pemasukan-3`` is the third income line."""
    return f"{ANCHOR_PREFIX[kind]}-{position}"


@dataclass(frozen=True)
class Line:
    """One transaction as its report writes it."""

    report: str
    """Slug of the report that holds the line (the outermost one, in :attr:`Ledger.lines`)."""
    kind: LineKind
    position: int
    """1-based position in the report's ``income`` or ``expenses`` list, in file order."""
    date: date
    amount: int
    description: str
    source: str | None
    """Income only: BLM, APBD, swadaya, ..."""
    category: str | None
    """Expenses only, as written."""
    programme: str | None
    partner: str | None
    yaml_line: int | None
    """Line number of the entry in its report file, when the loader knew it."""

    @property
    def anchor(self) -> str:
        return line_anchor(self.kind, self.position)

    @property
    def yaml_key(self) -> str:
        """``income`` or ``expenses``: the list in the report file."""
        return YAML_LIST[self.kind]


@dataclass(frozen=True, order=True)
class Stretch:
    """The days from ``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def whole_months(self) -> bool:
        """Starts on the first of a month and ends on the last day of one."""
        return self.start.day == 1 and (self.end + DAY).day == 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def clip(self, start: date, end: date) -> Stretch | None:
        """The part of this stretch between ``start`` and ``end``, or None."""
        lo, hi = max(self.start, start), min(self.end, end)
        return Stretch(lo, hi) if lo <= hi else None


def merge(stretches: Iterable[Stretch]) -> tuple[Stretch, ...]:
    """Overlapping or touching stretches joined, oldest first."""
    out: list[Stretch] = []
    for s in sorted(stretches):
        if out and s.start <= out[-1].end + DAY:
            if s.end > out[-1].end:
                out[-1] = Stretch(out[-1].start, s.end)
        else:
            out.append(s)
    return tuple(out)


def uncovered(start: date, end: date, covered: Iterable[Stretch]) -> tuple[Stretch, ...]:
    """The days from ``start`` to ``end`` that no stretch of ``covered`` holds."""
    out, cursor = [], start
    for s in merge(covered):
        if s.end < cursor:
            continue
        if s.start > end:
            break
        if s.start > cursor:
            out.append(Stretch(cursor, min(s.start - DAY, end)))
        cursor = max(cursor, s.end + DAY)
        if cursor > end:
            break
    if cursor <= end:
        out.append(Stretch(cursor, end))
    return tuple(out)


@dataclass(frozen=True)
class ReportBooks:
    """What the ledger knows of one report."""

    slug: str
    period: Period
    lines: tuple[Line, ...]
    """Its own lines, incomes then expenses in file order, each with ``report`` = this slug."""
    outer: str | None
    """The outermost report this one lies inside, or None when it is outermost itself."""
    inside: tuple[str, ...]
    """Every report lying inside this one (at any depth), by period."""
    interim: bool
    """Its period has not ended yet (ends today or later): published as *sementara* (interim)."""
    as_of: date
    """The date its figures are "as of" (*Data per*, and *sementara, per* while interim): the date of its
    last line, the period's first day while it has none."""

    @property
    def last_line(self) -> date | None:
        return max((line.date for line in self.lines), default=None)


@dataclass(frozen=True)
class YearBooks:
    """One calendar year of the site's books, each transaction once."""

    year: int
    income: int
    expenses: int
    covered: tuple[Stretch, ...]
    """The parts of the year that reports cover."""
    interim_as_of: date | None = None
    """While an outermost report of the year has not ended: the latest date such a report's figures are
    "as of" (its figures are *sementara*); None when every report of the year has ended."""

    @property
    def complete(self) -> bool:
        """Reports cover the whole year."""
        return self.covered == (Stretch(date(self.year, 1, 1), date(self.year, 12, 31)),)


@dataclass
class ProgrammeBooks:
    """A programme as the reports see it (data-format.md, Ledger rules 4 and 5)."""

    slug: str
    span: Stretch | None
    """From its ``start`` (or its first tagged line, if earlier) to its ``end`` when completed, else to
    today, extended to its last tagged line; None when empty (the programme has not started)."""
    covered: bool
    """Reports cover every day of :attr:`span`: its ``received`` and ``spent`` must equal its lines."""
    lines: tuple[Line, ...]
    """The report lines tagged ``programme: <slug>``, each transaction once, by date."""
    reports: tuple[str, ...]
    """Slugs of the (outermost) reports its lines come from, by period."""
    unreported: tuple[Stretch, ...]
    """The parts of :attr:`span` no report covers yet."""
    computed: frozenset[str] = frozenset()
    """Figures the editor left out and the ledger filled in from the lines: ``received:<source>``
    (per funding source) and ``spent``."""

    @property
    def income(self) -> int:
        return sum(line.amount for line in self.lines if line.kind == "income")

    @property
    def income_by_source(self) -> dict[str, int]:
        """Tagged income per source (cash that reached the BKM's books), largest first."""
        return _largest_first((line.source or "", line.amount) for line in self.lines if line.kind == "income")

    @property
    def expenses(self) -> int:
        """Tagged expenses: cash spent on the programme according to the reports."""
        return sum(line.amount for line in self.lines if line.kind == "expense")

    @property
    def periods(self) -> tuple[str, ...]:
        """Alias of :attr:`reports`: the reports (periods) the lines come from."""
        return self.reports

    @property
    def last_line(self) -> date | None:
        return max((line.date for line in self.lines), default=None)


@dataclass
class Ledger:
    """Every report line once, coverage and gaps, totals and each programme's books.

    Build it with :func:`build_ledger`; a loaded site has it as ``site.ledger``.
    """

    today: date
    reports: dict[str, ReportBooks]
    """Per report slug, in period order (outer before inner)."""
    lines: tuple[Line, ...]
    """Every transaction once (from the outermost report), by date, then report, income before expense."""
    coverage: tuple[Stretch, ...]
    """The days reports cover, joined, oldest first."""
    programmes: dict[str, ProgrammeBooks] = field(default_factory=dict)

    # --- coverage -------------------------------------------------------------

    @property
    def first(self) -> date | None:
        """First day of the earliest report."""
        return self.coverage[0].start if self.coverage else None

    @property
    def last(self) -> date | None:
        """Last day of the latest report's period."""
        return self.coverage[-1].end if self.coverage else None

    @property
    def gaps(self) -> tuple[Stretch, ...]:
        """Days between the first and the last report that no report covers (rule 3), oldest first."""
        if not self.coverage:
            return ()
        return uncovered(self.coverage[0].start, self.coverage[-1].end, self.coverage)

    def covers(self, start: date, end: date) -> bool:
        """Reports cover every day from ``start`` to ``end``."""
        return not self.uncovered(start, end)

    def uncovered(self, start: date, end: date) -> tuple[Stretch, ...]:
        """The days from ``start`` to ``end`` no report covers."""
        return uncovered(start, end, self.coverage) if start <= end else ()

    def report_covering(self, day: date) -> str | None:
        """The outermost report whose period holds ``day``."""
        return next(
            (b.slug for b in self.reports.values() if b.outer is None and b.period.contains(day)),
            None,
        )

    @property
    def interim(self) -> tuple[str, ...]:
        """Slugs of the reports whose period has not ended (Ledger rule 6)."""
        return tuple(slug for slug, b in self.reports.items() if b.interim)

    @property
    def as_of(self) -> date | None:
        """The date the site's report figures are "as of": the ``as_of`` of the report ending last;
        None without reports."""
        latest = max(self.reports.values(), key=lambda b: (b.period.end, b.period.start), default=None)
        return latest.as_of if latest else None

    # --- lines ----------------------------------------------------------------

    def line(self, report: str, kind: LineKind, position: int) -> Line:
        """One line of a report (inner reports included) by kind and 1-based position."""
        return next(x for x in self.reports[report].lines if x.kind == kind and x.position == position)

    def lines_in(self, start: date, end: date) -> list[Line]:
        return [line for line in self.lines if start <= line.date <= end]

    @property
    def total_income(self) -> int:
        return sum(line.amount for line in self.lines if line.kind == "income")

    @property
    def total_expenses(self) -> int:
        return sum(line.amount for line in self.lines if line.kind == "expense")

    def income_by_source(self) -> dict[str, int]:
        """Every income transaction once, per source, largest first."""
        return _largest_first((line.source or "", line.amount) for line in self.lines if line.kind == "income")

    def expenses_by_category(self) -> dict[str, int]:
        """Every expense transaction once, per category as written, largest first."""
        return _largest_first((line.category or "", line.amount) for line in self.lines if line.kind == "expense")

    def years(self) -> list[YearBooks]:
        """Each calendar year any report covers, oldest first: its transactions (by their date, each once)
        and the parts of the year reports cover (a year reported only from July says so)."""
        years = sorted({y for s in self.coverage for y in range(s.start.year, s.end.year + 1)})
        income: dict[int, int] = defaultdict(int)
        expenses: dict[int, int] = defaultdict(int)
        for line in self.lines:
            (income if line.kind == "income" else expenses)[line.date.year] += line.amount
        interim: dict[int, date] = {}
        for books in self.reports.values():
            if books.interim and books.outer is None:
                for year in range(books.period.start.year, books.period.end.year + 1):
                    interim[year] = max(books.as_of, interim.get(year, books.as_of))
        out = []
        for year in years:
            covered = tuple(c for s in self.coverage if (c := s.clip(date(year, 1, 1), date(year, 12, 31))) is not None)
            out.append(YearBooks(year, income[year], expenses[year], covered, interim.get(year)))
        return out

    # --- programmes -----------------------------------------------------------

    def programme(self, slug: str) -> ProgrammeBooks:
        return self.programmes[slug]

    def covered_programmes(self) -> list[str]:
        return [slug for slug, books in self.programmes.items() if books.covered]


def build_ledger(site: SiteData, docs: dict[str, YamlDoc] | None = None, on: date | None = None) -> Ledger:
    """The site's ledger as of ``on`` (default :func:`today`).

    ``docs`` (the loader's parsed files, keyed ``report:<slug>``) only add YAML line
    numbers. Nothing is checked here: ``loading/rules.py`` judges the answers.
    """
    on = on or today()
    docs = docs or {}
    ordered = sorted(site.reports.values(), key=lambda r: (r.period.start, -_length(r.period), r.slug))
    outer_of: dict[str, str | None] = {}
    inside: dict[str, list[str]] = defaultdict(list)
    for r in ordered:
        containers = [o for o in ordered if o.slug != r.slug and _inside(r.period, o.period) and o.period != r.period]
        outermost = min(containers, key=lambda o: (o.period.start, -_length(o.period)), default=None)
        outer_of[r.slug] = outermost.slug if outermost else None
        for o in containers:
            inside[o.slug].append(r.slug)

    books: dict[str, ReportBooks] = {}
    for r in ordered:
        own = tuple(_lines_of(r, docs.get(f"report:{r.slug}")))
        interim = r.period.end >= on
        last = max((line.date for line in own), default=None)
        books[r.slug] = ReportBooks(
            slug=r.slug,
            period=r.period,
            lines=own,
            outer=outer_of[r.slug],
            inside=tuple(inside[r.slug]),
            interim=interim,
            as_of=last or r.period.start,
        )
    lines = tuple(
        sorted(
            (line for b in books.values() if b.outer is None for line in b.lines),
            key=lambda x: (x.date, x.report, x.kind != "income", x.position),
        )
    )
    coverage = merge(Stretch(r.period.start, r.period.end) for r in ordered)
    ledger = Ledger(today=on, reports=books, lines=lines, coverage=coverage)
    tagged: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        if line.programme:
            tagged[line.programme].append(line)
    order = {slug: i for i, slug in enumerate(books)}
    ledger.programmes = {
        slug: _programme_books(p, tuple(tagged.get(slug, ())), ledger, order) for slug, p in site.programmes.items()
    }
    return ledger


def _programme_books(p: Programme, tagged: tuple[Line, ...], ledger: Ledger, order: dict[str, int]) -> ProgrammeBooks:
    first = min((line.date for line in tagged), default=None)
    last = max((line.date for line in tagged), default=None)
    start = min(p.start, first) if first else p.start
    end = min(p.end, ledger.today) if p.status == "completed" and p.end else ledger.today
    if last and last > end:
        end = last
    span = Stretch(start, end) if start <= end else None
    missing = ledger.uncovered(span.start, span.end) if span else ()
    reports = tuple(sorted({line.report for line in tagged}, key=order.__getitem__))
    return ProgrammeBooks(
        slug=p.slug,
        span=span,
        covered=span is not None and not missing,
        lines=tagged,
        reports=reports,
        unreported=missing,
    )


def _lines_of(r: Report, doc: YamlDoc | None) -> Iterable[Line]:
    lists: tuple[tuple[str, list[Any]], ...] = (("income", r.income), ("expense", r.expenses))
    for kind, entries in lists:
        key = YAML_LIST[kind]
        for i, e in enumerate(entries):
            yield Line(
                report=r.slug,
                kind=kind,  # type: ignore[arg-type]
                position=i + 1,
                date=e.date,
                amount=e.amount,
                description=e.description,
                source=getattr(e, "source", None),
                category=getattr(e, "category", None),
                programme=e.programme,
                partner=getattr(e, "partner", None),
                yaml_line=doc.where((key, i))[0] if doc else None,
            )


def _inside(inner: Period, outer: Period) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _length(period: Period) -> int:
    return (period.end - period.start).days


def _largest_first(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for key, amount in pairs:
        totals[key] += amount
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0]))))
