"""Horizontal bar charts drawn at build time as small inline SVG: no chart JavaScript.

Bars read best on a narrow phone: each row has its label on one line and the bar
with its (compact) value below. The SVG carries a text alternative; templates put
a table with the exact amounts beside it, so the figure never relies on the picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup

from .formatting import Formatter
from .strings import Strings

WIDTH = 320
ROW = 38
BAR_TOP = 16
BAR_HEIGHT = 14
BAR_MAX = 218
LABEL_CHARS = 44


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str | None = None
    """A page's ``src_uri`` the table row links to, when the row has a page."""


@dataclass(frozen=True)
class Chart:
    """One chart: an id unique on its page, a title, and its bars in display order."""

    id: str
    title: str
    bars: tuple[Bar, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    def share(self, bar: Bar, fmt: Formatter, t: Strings) -> str:
        """The bar's share of the total, rounded down like every percentage, but never ``0%`` for an amount that
        is not zero: ``< 1%``."""
        if 0 < bar.value * 100 < self.total:
            return t("table.share_below", percent=fmt.percent(0.01))
        return fmt.share(bar.value, self.total)

    @property
    def shares_fall_short(self) -> bool:
        """Whether the rounded-down shares add up to less than the total's 100 %, which the table then says."""
        return bool(self.total) and sum(bar.value * 100 // self.total for bar in self.bars) < 100

    def summary(self, fmt: Formatter, t: Strings) -> str:
        """The text alternative: every bar with its amount and share."""
        parts = [f"{bar.label}: {fmt.rupiah(bar.value)} ({self.share(bar, fmt, t)})" for bar in self.bars]
        return f"{self.title}. " + "; ".join(parts) + "."

    def svg(self, fmt: Formatter, t: Strings) -> Markup:
        biggest = max((bar.value for bar in self.bars), default=0)
        height = ROW * len(self.bars) + 4
        rows = []
        for i, bar in enumerate(self.bars):
            y = i * ROW
            width = round(BAR_MAX * bar.value / biggest, 1) if biggest else 0
            label = bar.label if len(bar.label) <= LABEL_CHARS else bar.label[: LABEL_CHARS - 1] + "…"
            rows.append(
                f'<text x="0" y="{y + 12}" class="bkm-chart__label">{escape(label)}</text>'
                f'<rect x="0" y="{y + BAR_TOP}" width="{max(width, 1)}" height="{BAR_HEIGHT}" rx="2" '
                f'class="bkm-chart__bar bkm-chart__bar--{i % 6}"/>'
                f'<text x="{width + 5}" y="{y + BAR_TOP + 11}" '
                f'class="bkm-chart__value">{escape(fmt.rupiah_compact(bar.value))}</text>'
            )
        return Markup(
            f'<svg class="bkm-chart__svg" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
            f'aria-labelledby="{self.id}-title {self.id}-desc" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{self.id}-title">{escape(self.title)}</title>'
            f'<desc id="{self.id}-desc">{escape(self.summary(fmt, t))}</desc>' + "".join(rows) + "</svg>"
        )


def chart(id: str, title: str, amounts: dict, labels: dict | None = None, links: dict | None = None) -> Chart:
    """A chart of ``amounts`` (key → Rupiah) in their order; ``labels`` and ``links`` map keys to text and page."""
    labels, links = labels or {}, links or {}
    return Chart(
        id, title, tuple(Bar(str(labels.get(key, key)), value, links.get(key)) for key, value in amounts.items())
    )
