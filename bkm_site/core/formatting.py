"""Rupiah, numbers, percentages and dates for ``id`` and ``en``, all through Babel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from datetime import date as Date  # Formatter.date is a method: its later annotations use this name
from decimal import ROUND_FLOOR, Decimal
from functools import lru_cache

from babel.dates import format_date, format_interval
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from .models.common import Period

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Formatter:
    """Formatting for one site language; templates get it as ``fmt``."""

    locale: str = "id"

    def rupiah(self, amount: int) -> str:
        """``Rp 75.000.000`` (id) / ``Rp 75,000,000`` (en): exact, no decimals."""
        sign = "−" if amount < 0 else ""
        return f"{sign}Rp {_grouped(abs(amount), self.locale)}"

    def rupiah_compact(self, amount: int) -> str:
        """``Rp 1,2 M`` (id) / ``Rp 1.2B`` (en): for figures and cards."""
        if abs(amount) < 1000:
            return self.rupiah(amount)
        return _compact(amount, self.locale)

    def tells_apart(self, first: int, second: int) -> bool:
        """Whether compact figures keep two different amounts read side by side apart (equal ones need nothing):
        Rp 49.960.000 and Rp 50.000.000 are both "Rp 50 jt", and "Rp 50 jt dari Rp 50 jt" reads as fully funded.
        Only sameness is caught: Rp 27.149.999 and Rp 27.150.001 still read as 27,1 and 27,2 jt."""
        return first == second or self.rupiah_compact(first) != self.rupiah_compact(second)

    def number(self, value: float) -> str:
        return _number(value, self.locale)

    def percent(self, share: float, digits: int = 0) -> str:
        """``share`` is 0..1, rounded down: 0.605 → ``60%`` (or ``60,5%`` with digits=1).

        Rounding down keeps a percentage honest: 100 % only when nothing is left,
        never while Rp 350.000 of Rp 33 jt remains.
        """
        return _percent(share, digits, self.locale)

    def share(self, part: int, whole: int, digits: int = 0) -> str:
        """``part`` of ``whole`` as a percentage, rounded down exactly (integers, no float error)."""
        if not whole:
            return self.percent(0, digits)
        scale = 10 ** (digits + 2)
        return self.percent((part * scale // whole) / scale, digits)

    def percent_value(self, value: float, digits: int = 1) -> str:
        """``value`` already in percent (97.5 → ``97,5%``)."""
        return self.percent(value / 100, digits)

    def date(self, day: date, style: str = "long") -> str:
        return _date(day, style, self.locale)

    def month(self, day: Date) -> str:
        return _date(day, "MMMM y", self.locale)

    def period(self, period: Period) -> str:
        """``Tahun 2025``, ``Triwulan III 2025``, ``Maret 2025`` and their English forms."""
        year = period.start.year
        if period.kind == "year":
            return f"Tahun {year}" if self.locale == "id" else f"Year {year}"
        if period.kind == "quarter":
            q = (period.start.month + 2) // 3
            roman = ("I", "II", "III", "IV")[q - 1]
            return f"Triwulan {roman} {year}" if self.locale == "id" else f"Q{q} {year}"
        return self.month(period.start)

    # --- stretches of days (ledger coverage, gaps) ---

    def stretch(self, start: Date, end: Date) -> str:
        """A run of days: ``Januari–Juni 2026`` for whole months, ``15 Juni 2026 – 30 Juni 2026`` otherwise.

        Gaps between reports are whole months; a programme's unreported days may not be.
        """
        whole = start.day == 1 and (end + timedelta(days=1)).day == 1
        if whole:
            if start.year == end.year and start.month == end.month:
                return self.month(start)
            return format_interval(start, end, "yMMMM", locale=self.locale)
        if start == end:
            return self.date(start)
        return f"{self.date(start)} – {self.date(end)}"


@lru_cache(maxsize=16384)
def _grouped(amount: int, locale: str) -> str:
    """Babel's number formatting costs tens of microseconds, and pages repeat the same totals many times."""
    return format_decimal(amount, format="#,##0", locale=locale)


@lru_cache(maxsize=16384)
def _compact(amount: int, locale: str) -> str:
    return "Rp " + format_compact_decimal(amount, locale=locale, fraction_digits=1)


@lru_cache(maxsize=4096)
def _number(value: float, locale: str) -> str:
    return format_decimal(value, format="#,##0.##", locale=locale)


@lru_cache(maxsize=16384)
def _date(day: Date, style: str, locale: str) -> str:
    """Pages repeat the same days (a report's lines, its period) across many pages."""
    return format_date(day, style, locale=locale)


@lru_cache(maxsize=4096)
def _percent(share: float, digits: int, locale: str) -> str:
    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    step = Decimal(1).scaleb(-(digits + 2))
    floored = Decimal(repr(share)).quantize(step, rounding=ROUND_FLOOR)
    return format_percent(floored, format=pattern, locale=locale)
