"""Site-wide figures, computed from the programmes, reports and plan: never typed in.

Each function says in its docstring exactly what it adds up, because the same
definition is shown to readers, published in the open data and checked by tests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .ledger import YearBooks
from .models.common import SECTORS
from .models.programme import Programme
from .models.site import SiteData
from .money import Money


def money_by_year(site: SiteData) -> list[YearBooks]:
    """Per calendar year any report covers, oldest first: income and expenses of the transactions dated in it.

    Each transaction counts once, from the outermost report when reports nest (a monthly report inside
    the annual one adds nothing); a year only partly reported says which parts (``covered``).
    """
    return site.ledger.years()


def income_by_source(site: SiteData) -> dict[str, int]:
    """Every income transaction once (nested reports not added twice), summed per source, largest first."""
    return site.ledger.income_by_source()


def expenses_by_category(site: SiteData) -> dict[str, int]:
    """Every expense transaction once (nested reports not added twice), per category as written, largest first."""
    return site.ledger.expenses_by_category()


def raised_by_sector(site: SiteData) -> dict[str, int]:
    """Money received (``received``, cash and in kind) by the programmes of each tridaya sector.

    Every sector is listed, in the fixed tridaya order, even with nothing received.
    """
    totals = dict.fromkeys(SECTORS, 0)
    for programme in site.programmes.values():
        totals[programme.sector] += programme.raised
    return totals


def received(site: SiteData) -> int:
    """Money the programmes received (*diterima*): the sum of every programme's ``received``, cash and in kind."""
    return site.money.total.received


def completed(site: SiteData) -> list[Programme]:
    return [p for p in site.programmes.values() if p.status == "completed"]


def started(site: SiteData) -> list[Programme]:
    """Ongoing and completed programmes: those that have reached someone (as :func:`households_reached` counts)."""
    return [p for p in site.programmes.values() if p.status != "planned"]


@dataclass(frozen=True)
class OutputTotal:
    label: str
    unit: str
    volume: float
    programmes: tuple[str, ...]


def output_totals(programmes: Iterable[Programme]) -> list[OutputTotal]:
    """Outputs added up per label and unit (case-insensitive), never metres to units; largest count of programmes first.

    The label shown is the first one written.
    """
    groups: dict[tuple[str, str], tuple[str, str, float, list[str]]] = {}
    for p in programmes:
        for output in p.outputs:
            key = (output.label.casefold(), output.unit.casefold())
            label, unit, volume, slugs = groups.get(key, (output.label, output.unit, 0, []))
            groups[key] = (label, unit, volume + output.volume, [*slugs, p.slug] if p.slug not in slugs else slugs)
    totals = [OutputTotal(label, unit, volume, tuple(slugs)) for label, unit, volume, slugs in groups.values()]
    return sorted(totals, key=lambda o: (-len(o.programmes), o.label.casefold()))


BENEFICIARY_FIELDS = ("households", "poor_households", "people", "women")


def beneficiary_totals(programmes: Iterable[Programme]) -> dict[str, int]:
    """Beneficiaries summed field by field (households, poor households, people, women).

    A household helped by two programmes counts twice: the data has no names to tell.
    """
    totals = dict.fromkeys(BENEFICIARY_FIELDS, 0)
    for p in programmes:
        for name in BENEFICIARY_FIELDS:
            totals[name] += getattr(p.beneficiaries, name)
    return totals


PlanStatus = Literal["not_started", "in_progress", "done"]
PLAN_STATUSES: tuple[PlanStatus, ...] = ("not_started", "in_progress", "done")


def plan_item_status(site: SiteData, item_id: str) -> PlanStatus:
    """``not_started`` when no programme naming the item has started (none names it, or all are planned),
    ``done`` when every programme naming it is completed, else ``in_progress``."""
    statuses = {p.status for p in site.programmes_of_plan_item(item_id)}
    if statuses <= {"planned"}:
        return "not_started"
    return "done" if statuses == {"completed"} else "in_progress"


@dataclass(frozen=True)
class PlanProgress:
    budget: int
    """Total budget of every plan item."""
    done_budget: int
    """Budget of the items whose status is ``done``."""
    linked_raised: int
    """Money received by the programmes that name a plan item (cash and in kind)."""
    counts: dict[str, int]
    """Number of items per status."""

    @property
    def realised_share(self) -> float:
        """The plan realised: budget of done items / total plan budget, 0..1."""
        return self.done_budget / self.budget if self.budget else 0.0

    @property
    def raised_share(self) -> float:
        """Money received by linked programmes / total plan budget (can pass 1)."""
        return self.linked_raised / self.budget if self.budget else 0.0


def plan_progress(site: SiteData) -> PlanProgress | None:
    """How far the PJM is realised; ``None`` without ``plan.yml``."""
    if site.plan is None:
        return None
    statuses = {item.id: plan_item_status(site, item.id) for item in site.plan.items}
    ids = set(statuses)
    return PlanProgress(
        budget=site.plan.budget,
        done_budget=sum(item.budget for item in site.plan.items if statuses[item.id] == "done"),
        linked_raised=sum(p.raised for p in site.programmes.values() if p.plan_item in ids),
        counts={status: sum(1 for s in statuses.values() if s == status) for status in PLAN_STATUSES},
    )


def _largest_first(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for key, amount in pairs:
        totals[key] += amount
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0]))))


def households_reached(site: SiteData) -> int:
    """Households (KK) among the beneficiaries of every ongoing or completed programme.

    Planned programmes have reached nobody yet. A household helped by two
    programmes counts twice: the data has no names to tell.
    """
    return sum(p.beneficiaries.households for p in site.programmes.values() if p.status != "planned")


@dataclass(frozen=True)
class KeyFigures:
    """The site's headline numbers, computed once per build for the home page and embeds."""

    households: int
    """:func:`households_reached`."""
    money: Money
    """Every programme's money added up (``site.money.total``); the home page shows its *received*:
    every programme's ``received``, cash and in kind, planned programmes included."""
    completed: int
    """Programmes whose status is ``completed``."""
    volunteers: int | None
    """``volunteers`` of ``bkm.yml``; ``None`` (not shown) when the BKM does not say."""
    partners: int
    """Partners listed in ``partners.yml``."""


def key_figures(site: SiteData) -> KeyFigures:
    return KeyFigures(
        households=households_reached(site),
        money=site.money.total,
        completed=len(completed(site)),
        volunteers=site.profile.volunteers,
        partners=len(site.partners),
    )
