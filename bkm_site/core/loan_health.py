"""The UPK revolving-loan indicators, each judged against the PNPM-MP health bands.

Repayment rate (RR): at least 90 % good, 80 up to 90 % fair, below 80 % poor.
PAR > 30 days and LAR: at most 10 % good, above 10 up to 20 % fair, above 20 % poor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .models.report import Loans

Band = Literal["good", "fair", "poor"]


def repayment_band(rate: float) -> Band:
    return "good" if rate >= 90 else "fair" if rate >= 80 else "poor"


def risk_band(share: float) -> Band:
    return "good" if share <= 10 else "fair" if share <= 20 else "poor"


@dataclass(frozen=True)
class Indicator:
    key: str
    """Names the indicator's strings: ``loans.<key>`` (name) and ``loans.<key>.explain``."""
    kind: Literal["count", "money", "percent"]
    value: float
    band: Band | None = None


def indicators(loans: Loans) -> list[Indicator]:
    """Every indicator the report gives, in reading order; LAR only when reported."""
    out = [
        Indicator("borrowers", "count", loans.borrowers),
        Indicator("women_borrowers", "count", loans.women_borrowers),
        Indicator("disbursed", "money", loans.disbursed),
        Indicator("outstanding", "money", loans.outstanding),
        Indicator("repayment_rate", "percent", loans.repayment_rate, repayment_band(loans.repayment_rate)),
        Indicator("par_30", "percent", loans.par_30, risk_band(loans.par_30)),
    ]
    if loans.lar is not None:
        out.append(Indicator("lar", "percent", loans.lar, risk_band(loans.lar)))
    return out
