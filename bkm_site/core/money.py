"""The site's money words, each one sum: what every page, poster, card and export shows.

* **target**: the sum of ``planned``;
* **received** (*diterima*): the sum of ``received``, cash and in kind, also shown apart;
* **spent** (*dibelanjakan*): ``spent`` (0 when not written);
* **remaining** (*sisa*): received − spent;
* **shortfall** (*masih dibutuhkan*): target − received, never below 0.

A label in the catalogues (``money.<word>``) names exactly one of these. Each
block of figures also says "Data per <date>": the latest dated entry it draws from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .models.programme import Programme
from .models.site import SiteData

WORDS = ("target", "received", "received_cash", "received_in_kind", "spent", "remaining", "shortfall")
"""The money definitions, in the order blocks list them; ``money.<word>`` is each one's label."""


@dataclass(frozen=True)
class Money:
    """One programme's money, or the sum of several programmes'."""

    target: int
    received_cash: int
    received_in_kind: int
    spent: int
    as_of: date | None
    """The latest dated entry these figures draw from (a report line or an update), if any."""

    @property
    def received(self) -> int:
        return self.received_cash + self.received_in_kind

    @property
    def remaining(self) -> int:
        """Sisa: received − spent."""
        return self.received - self.spent

    @property
    def shortfall(self) -> int:
        """Still needed: target − received, at least 0."""
        return max(self.target - self.received, 0)

    @property
    def funded_share(self) -> float:
        """Received of target, 0..1 (can pass 1); templates round it down."""
        return self.received / self.target if self.target else 0.0

    @property
    def spent_share(self) -> float:
        return self.spent / self.received if self.received else 0.0

    def amount(self, word: str) -> int:
        if word not in WORDS:
            raise KeyError(f"bkm-site: '{word}' is not a money word ({', '.join(WORDS)})")
        return getattr(self, word)


class MoneyBook:
    """Every programme's :class:`Money`, computed once per build, and their sums."""

    def __init__(self, site: SiteData):
        latest = {slug: site.ledger.programme(slug).last_line for slug in site.programmes}
        self.site = site
        self.programmes = {slug: _programme_money(p, latest[slug]) for slug, p in site.programmes.items()}
        self.total = self.of(site.programmes.values())
        """Every programme's money added up: the home page's figure and the transparency overview's."""

    def __call__(self, p: Programme) -> Money:
        return self.programmes[p.slug]

    def of(self, programmes: Iterable[Programme]) -> Money:
        """The sum of several programmes' money, dated by the latest of their entries."""
        parts = [self.programmes[p.slug] for p in programmes]
        dates = [m.as_of for m in parts if m.as_of]
        return Money(
            target=sum(m.target for m in parts),
            received_cash=sum(m.received_cash for m in parts),
            received_in_kind=sum(m.received_in_kind for m in parts),
            spent=sum(m.spent for m in parts),
            as_of=max(dates) if dates else None,
        )


def _programme_money(p: Programme, latest_line: date | None) -> Money:
    """``as_of``: the latest report line tagged to the programme, or its latest update when that is later."""
    dates = [u.date for u in p.updates] + ([latest_line] if latest_line else [])
    return Money(
        target=p.target,
        received_cash=p.raised - p.raised_in_kind,
        received_in_kind=p.raised_in_kind,
        spent=p.spent or 0,
        as_of=max(dates) if dates else None,
    )
