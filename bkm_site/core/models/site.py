"""Everything a site knows, loaded and cross-checked: the input to page generation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .extras import Achievements, Partner, Plan, PlanItem
from .profile import Profile
from .programme import Programme
from .report import Report

if TYPE_CHECKING:
    from ..ledger import Ledger
    from ..money import MoneyBook


@dataclass
class SiteData:
    profile: Profile
    programmes: dict[str, Programme] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    plan: Plan | None = None
    achievements: Achievements | None = None
    books: Ledger | None = field(default=None, repr=False)
    """Set by ``load_site``; read it as :attr:`ledger`."""

    @property
    def ledger(self) -> Ledger:
        """Every report line once, coverage and gaps, each programme's books (``bkm_site.core.ledger``).

        ``load_site`` builds it (with YAML line numbers, after the ledger rules passed); a site
        made by hand gets one built on first use, as of today.
        """
        if self.books is None:
            from ..ledger import build_ledger

            self.books = build_ledger(self)
        return self.books

    @property
    def plan_items(self) -> dict[str, PlanItem]:
        return {item.id: item for item in self.plan.items} if self.plan else {}

    def programmes_of_partner(self, slug: str) -> list[Programme]:
        return [p for p in self.programmes.values() if slug in p.partner_slugs]

    def programmes_of_plan_item(self, item_id: str) -> list[Programme]:
        return [p for p in self.programmes.values() if p.plan_item == item_id]

    @cached_property
    def money(self) -> MoneyBook:
        """Every programme's money in the site's money words, computed once per build."""
        from ..money import MoneyBook

        return MoneyBook(self)
