"""Checks that span fields or files: money, dates, references, duplicates, and the ledger rules.

Each check returns problems located in the file where the editor must fix them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..formatting import Formatter
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


def _money(doc: YamlDoc, amount: int) -> str:
    """Rupiah as the site's language writes it (``Rp 75.000.000`` / ``Rp 75,000,000``)."""
    return Formatter(doc.language).rupiah(amount)


def check_programme(p: Programme, doc: YamlDoc) -> list[Problem]:
    out = []
    say = doc.say
    if p.status == "completed" and p.progress != 100:
        out.append(
            doc.problem(
                ("progress",),
                say("rule.completed_progress", progress=p.progress),
                say("rule.completed_progress.hint"),
            )
        )
    if p.status == "completed" and p.end is None:
        out.append(doc.problem(("status",), say("rule.completed_no_end"), say("rule.completed_no_end.hint")))
    if p.end and p.end < p.start:
        out.append(
            doc.problem(
                ("end",), say("rule.end_before_start", end=p.end, start=p.start), say("rule.end_before_start.hint")
            )
        )
    if p.spent is not None and p.spent > p.raised and not _received_omitted(p):
        out.append(
            doc.problem(
                ("spent",),
                say("rule.spent_above_received", spent=_money(doc, p.spent), raised=_money(doc, p.raised)),
                say("rule.spent_above_received.hint"),
            )
        )
    for i, line in enumerate(p.funding):
        if line.partner and line.source not in PARTNER_SOURCES:
            out.append(
                doc.problem(
                    ("funding", i, "partner"),
                    say("rule.partner_source", source=line.source),
                    say("rule.partner_source.hint"),
                )
            )
    b = p.beneficiaries
    if b.poor_households > b.households:
        out.append(
            doc.problem(
                ("beneficiaries", "poor_households"),
                say("rule.poor_households", poor=b.poor_households, households=b.households),
                say("rule.poor_households.hint"),
            )
        )
    if b.women > b.people:
        out.append(
            doc.problem(
                ("beneficiaries", "women"),
                say("rule.women_people", women=b.women, people=b.people),
                say("rule.women_people.hint"),
            )
        )
    seen: set[int] = set()
    for i, photo in enumerate(p.documentation):
        if photo.stage in seen:
            out.append(
                doc.problem(
                    ("documentation", i, "stage"),
                    say("rule.stage_twice", stage=photo.stage),
                    say("rule.stage_twice.hint"),
                )
            )
        seen.add(photo.stage)
    return out


def _lines(r: Report) -> tuple[tuple[str, Sequence[Income | Expense]], ...]:
    return (("income", r.income), ("expenses", r.expenses))


def check_report(r: Report, doc: YamlDoc) -> list[Problem]:
    out = []
    say = doc.say
    for name, lines in _lines(r):
        for i, line in enumerate(lines):
            if not r.period.contains(line.date):
                out.append(
                    doc.problem(
                        (name, i, "date"),
                        say(
                            "rule.line_outside_period",
                            date=line.date,
                            period=r.period,
                            start=r.period.start,
                            end=r.period.end,
                        ),
                        say("rule.line_outside_period.hint"),
                    )
                )
    if r.closing_balance is not None and r.closing_balance != r.computed_closing:
        out.append(
            doc.problem(
                ("closing_balance",),
                say(
                    "rule.closing_mismatch",
                    closing=_money(doc, r.closing_balance),
                    opening=_money(doc, r.opening_balance),
                    income=_money(doc, r.total_income),
                    expenses=_money(doc, r.total_expenses),
                    computed=_money(doc, r.computed_closing),
                ),
                say("rule.closing_mismatch.hint", computed=r.computed_closing),
            )
        )
    if r.computed_closing < 0:
        out.append(
            doc.problem(
                ("expenses",),
                say(
                    "rule.overspent",
                    expenses=_money(doc, r.total_expenses),
                    available=_money(doc, r.opening_balance + r.total_income),
                ),
                say("rule.overspent.hint"),
            )
        )
    if r.loans and r.loans.women_borrowers > r.loans.borrowers:
        out.append(
            doc.problem(
                ("loans", "women_borrowers"),
                say("rule.women_borrowers", women=r.loans.women_borrowers, borrowers=r.loans.borrowers),
                say("rule.women_borrowers.hint"),
            )
        )
    return out


def check_plan(plan: Plan, doc: YamlDoc) -> list[Problem]:
    out = []
    if plan.period.end < plan.period.start:
        out.append(
            doc.problem(
                ("period", "end"),
                doc.say("rule.plan_years", end=plan.period.end, start=plan.period.start),
                doc.say("rule.plan_years.hint"),
            )
        )
    out += _duplicates([item.id for item in plan.items], doc, ("items",), "id", "rule.duplicate_plan_id")
    for i, item in enumerate(plan.items):
        if not plan.period.start <= item.year <= plan.period.end:
            out.append(
                doc.problem(
                    ("items", i, "year"),
                    doc.say("rule.plan_item_year", year=item.year, start=plan.period.start, end=plan.period.end),
                    doc.say("rule.plan_item_year.hint"),
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
            short = " ".join(parts[: is_name.index(True)] + names[:1])
            out.append(
                doc.problem(
                    ("stories", i, "name"),
                    doc.say("rule.full_name", name=story.name),
                    doc.say("rule.full_name.hint", short=short, initial=f"{short} {names[1][0]}."),
                )
            )
    return out


def check_partners_list(slugs: list[str | None], doc: YamlDoc) -> list[Problem]:
    return _duplicates(slugs, doc, (), "slug", "rule.duplicate_partner")


def _duplicates(values: list[str | None], doc: YamlDoc, base: tuple, key: str, message: str) -> list[Problem]:
    """Every repeat of a code after its first use; ``None`` stands for an entry without one."""
    counts = Counter(v for v in values if v is not None)
    return [
        doc.problem((*base, i, key), doc.say(message, value=value), doc.say("rule.duplicate_code.hint"))
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

    def missing(doc: YamlDoc, path: tuple, message: str, value: str, kind: str) -> None:
        target = targets[kind]
        if target.names is None or value in target.names:
            return
        if not target.names:
            hint = doc.say("ref.empty.hint", file=target.file)
        elif name := suggest(value, target.names):
            hint = doc.say("ref.close.hint", name=name)
        else:
            known = sorted(target.names)
            names = ", ".join(known[:12]) + ("…" if len(known) > 12 else "")
            hint = doc.say("ref.known.hint", file=target.file, names=names)
        out.append(
            doc.problem(path, doc.say(message, value=value, file=target.file), hint, cause=("missing", kind, value))
        )

    for slug, p in site.programmes.items():
        doc = docs[f"programme:{slug}"]
        for i, ref in enumerate(p.partners):
            missing(doc, ("partners", i), "ref.partner", ref, "partners")
        for i, line in enumerate(p.funding):
            if line.partner:
                missing(doc, ("funding", i, "partner"), "ref.partner", line.partner, "partners")
        if p.plan_item:
            missing(doc, ("plan_item",), "ref.plan_item", p.plan_item, "plan")
    for slug, r in site.reports.items():
        doc = docs[f"report:{slug}"]
        for name, lines in _lines(r):
            for i, entry in enumerate(lines):
                if entry.programme:
                    missing(doc, (name, i, "programme"), "ref.programme", entry.programme, "programmes")
                if partner := getattr(entry, "partner", None):
                    missing(doc, (name, i, "partner"), "ref.partner", partner, "partners")
    by_period: dict[str, str] = {}
    for slug, r in site.reports.items():
        if str(r.period) in by_period:
            out.append(
                (doc := docs[f"report:{slug}"]).problem(
                    ("period",),
                    doc.say("rule.period_twice", period=r.period, other=by_period[str(r.period)]),
                    doc.say("rule.period_twice.hint"),
                )
            )
        by_period.setdefault(str(r.period), slug)
    if site.achievements:
        doc = docs["achievements"]
        for i, story in enumerate(site.achievements.stories):
            if story.programme:
                missing(doc, ("stories", i, "programme"), "ref.programme", story.programme, "programmes")
    return out


# --- the ledger (data-format.md, "Ledger rules") ------------------------------


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


def _when(doc: YamlDoc, day: date) -> str:
    return Formatter(doc.language).date(day)


def _period(doc: YamlDoc, r: Report) -> str:
    return f"{r.period} ({Formatter(doc.language).period(r.period)})"


def check_dates(site: SiteData, ledger: Ledger, docs: dict[str, YamlDoc]) -> list[Problem]:
    """Rule 6: nothing is dated after today; a report's period has begun."""
    out: list[Problem] = []
    today = ledger.today

    def future(doc: YamlDoc, path: tuple, what: str, day: date) -> None:
        if day > today:
            message = doc.say("ledger.future", what=doc.say(what), day=day, today=_when(doc, today))
            out.append(doc.problem(path, message, doc.say("ledger.future.hint")))

    for slug, r in site.reports.items():
        doc = docs[f"report:{slug}"]
        if r.period.start > today:
            out.append(
                doc.problem(
                    ("period",),
                    doc.say(
                        "ledger.not_begun", period=r.period, start=_when(doc, r.period.start), today=_when(doc, today)
                    ),
                    doc.say("ledger.not_begun.hint"),
                )
            )
        for name, days in (("income", [x.date for x in r.income]), ("expenses", [x.date for x in r.expenses])):
            for i, day in enumerate(days):
                future(doc, (name, i, "date"), "ledger.what.transaction", day)
        if r.audit:
            future(doc, ("audit", "date"), "ledger.what.audit", r.audit.date)
        if r.approved:
            future(doc, ("approved", "date"), "ledger.what.approved", r.approved.date)
    for slug, p in site.programmes.items():
        doc = docs[f"programme:{slug}"]
        for i, update in enumerate(p.updates):
            future(doc, ("updates", i, "date"), "ledger.what.update", update.date)
    if site.achievements:
        doc = docs["achievements"]
        for i, milestone in enumerate(site.achievements.milestones):
            future(doc, ("milestones", i, "date"), "ledger.what.milestone", milestone.date)
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
            doc = docs[f"report:{later.slug}"]
            out.append(
                doc.problem(
                    ("opening_balance",),
                    doc.say(
                        "ledger.chain",
                        opening=_money(doc, later.opening_balance),
                        other=other,
                        period=_period(doc, earlier),
                        closing=_money(doc, earlier.computed_closing),
                    ),
                    doc.say("ledger.chain.hint", closing=earlier.computed_closing, other=other),
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
            span = doc.say("ledger.span", start=_when(doc, start), end=_when(doc, end))
            before = outer.opening_balance + sum(x.amount for x in outer.income if x.date < start)
            before -= sum(x.amount for x in outer.expenses if x.date < start)
            if inner.opening_balance != before:
                out.append(
                    doc.problem(
                        ("opening_balance",),
                        doc.say(
                            "ledger.nest.opening",
                            opening=_money(doc, inner.opening_balance),
                            other=other,
                            start=_when(doc, start),
                            before=_money(doc, before),
                        ),
                        doc.say(
                            "ledger.nest.opening.hint",
                            inner=inner.period,
                            outer=outer.period,
                            before=before,
                            other=other,
                            start=_when(doc, start),
                        ),
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
                            doc.say(
                                f"ledger.nest.{name}_total",
                                mine=_money(doc, total_mine),
                                other=other,
                                span=span,
                                theirs=_money(doc, total_theirs),
                            ),
                            doc.say("ledger.nest.hint"),
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
                            doc.say(
                                f"ledger.nest.{name}_group",
                                group=k,
                                mine=_money(doc, by_mine.get(k, 0)),
                                other=other,
                                span=span,
                                theirs=_money(doc, by_theirs.get(k, 0)),
                            ),
                            doc.say("ledger.nest.hint"),
                            key=first is None,
                        )
                    )
    return out


def _sum_by_key(lines: list, key: str) -> dict:
    totals: dict = {}
    for line in lines:
        totals[getattr(line, key)] = totals.get(getattr(line, key), 0) + line.amount
    return totals


def _where(lines: Iterable[Line], docs: dict[str, YamlDoc], doc: YamlDoc) -> str:
    """``data/reports/2024.yml baris 5, 7``: the report lines a sum comes from."""
    by_report: dict[str, list[str]] = {}
    for line in lines:
        by_report.setdefault(line.report, []).append(str(line.yaml_line or f"#{line.position}"))
    if not by_report:
        return doc.say("ledger.where.none")
    return "; ".join(
        doc.say(
            "ledger.where.one" if len(nums) == 1 else "ledger.where.many",
            file=docs[f"report:{slug}"].rel,
            lines=", ".join(nums),
        )
        for slug, nums in by_report.items()
    )


def reconcile_programme(p: Programme, books: ProgrammeBooks, doc: YamlDoc, docs: dict[str, YamlDoc]) -> list[Problem]:
    """Rule 5: a covered programme's cash ``received`` per source and ``spent`` equal its tagged lines.

    Figures the editor left out are computed from the lines (covered or not: what the reports say
    so far); typed figures of a programme that is not covered are kept as typed.
    """
    out: list[Problem] = []
    say = doc.say
    received_omitted = _received_omitted(p)  # before the lines fill them in
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
                        say("ledger.funding_split", count=len(rest), source=source),
                        say("ledger.funding_split.hint"),
                    )
                )
            elif rest:
                i, f = rest[0]
                f.received = max(tagged - sum(g.received for j, g in rows if j != i), 0)
            computed.add(f"received:{source}")
        typed = sum(f.received for _, f in rows)
        if books.covered and typed != tagged:
            i, f = next(((i, f) for i, f in rows if "received" in f.model_fields_set), rows[0])
            out.append(
                doc.problem(
                    ("funding", i, "received") if "received" in f.model_fields_set else ("funding", i),
                    say(
                        "ledger.received.several" if len(rows) > 1 else "ledger.received",
                        source=source,
                        typed=_money(doc, typed),
                        slug=p.slug,
                        tagged=_money(doc, tagged),
                        where=_where(tagged_by_source.get(source, []), docs, doc),
                    ),
                    say("ledger.received.hint", slug=p.slug),
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
                say("ledger.no_cash_line", source=name, amount=_money(doc, amount), where=_where(lines, docs, doc)),
                say("ledger.no_cash_line.hint", source=name, amount=amount),
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
                say(
                    "ledger.spent",
                    spent=_money(doc, p.spent),
                    in_kind=_money(doc, in_kind),
                    cash=_money(doc, p.spent - in_kind),
                    slug=p.slug,
                    expenses=_money(doc, books.expenses),
                    where=_where(spent_lines, docs, doc),
                ),
                say("ledger.spent.hint", spent=books.expenses + in_kind),
            )
        )
    if p.spent is not None and p.spent > p.raised and received_omitted:
        out.append(
            doc.problem(
                ("spent",) if "spent" in p.model_fields_set else ("funding",),
                say("ledger.spent_above_received", spent=_money(doc, p.spent), raised=_money(doc, p.raised)),
                say("ledger.spent_above_received.hint"),
                key="spent" not in p.model_fields_set,
            )
        )
    books.computed = frozenset(computed)
    return out


def _received_omitted(p: Programme) -> bool:
    """A cash funding line leaves out ``received``: its figure comes from the ledger, checked after it."""
    return any("received" not in f.model_fields_set for f in p.funding if not f.in_kind)
