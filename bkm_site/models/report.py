"""``data/reports/<slug>.yml``: one transparency report for a period."""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field

from .common import AssetPath, Count, DataModel, Date, Money, Percent, Period, Slug
from .programme import Source


class Income(DataModel):
    date: Date
    source: Source
    description: str
    amount: Money
    programme: Slug | None = Field(None, description="Kode program penerima. / Programme slug.")
    partner: Slug | None = Field(None, description="Mitra pemberi (CSR, donasi). / Partner slug.")


class Expense(DataModel):
    date: Date
    category: str = Field(description="Jenis belanja, misalnya material, upah. / Category.")
    description: str
    amount: Money
    programme: Slug | None = None


class Loans(DataModel):
    """UPK revolving fund (pinjaman bergulir) indicators."""

    borrowers: Count = Field(description="Jumlah peminjam. / Borrowers.")
    women_borrowers: Count = Field(0, description="Peminjam perempuan. / Women borrowers.")
    disbursed: Money = Field(description="Pinjaman disalurkan, Rupiah. / Disbursed.")
    outstanding: Money = Field(description="Sisa pinjaman beredar, Rupiah. / Outstanding.")
    repayment_rate: Percent = Field(description="Tingkat pengembalian (RR), persen. / Repayment rate, percent.")
    par_30: Percent = Field(description="Pinjaman berisiko >30 hari (PAR), persen. / Portfolio at risk.")
    lar: Percent | None = Field(None, description="Loan at risk (LAR), persen. / Loans at risk.")


class Audit(DataModel):
    auditor: str
    date: Date
    opinion: str = Field(description="Opini auditor. / Auditor's opinion.")
    document: AssetPath | None = None


class Approval(DataModel):
    event: str = Field(description="Forum pengesahan, misalnya Rembug Warga Tahunan. / Approving meeting.")
    date: Date


class Report(DataModel):
    """Money in and out for one period; balances are computed, typed ones checked."""

    slug: str = Field(exclude=True)
    period: Period
    title: str | None = None
    opening_balance: Money
    income: list[Income] = Field(default_factory=list)
    expenses: list[Expense] = Field(default_factory=list)
    closing_balance: Money | None = Field(None, description="Harus sama dengan saldo awal + pemasukan - pengeluaran.")
    loans: Loans | None = None
    audit: Audit | None = None
    approved: Approval | None = None

    @property
    def total_income(self) -> int:
        return sum(line.amount for line in self.income)

    @property
    def total_expenses(self) -> int:
        return sum(line.amount for line in self.expenses)

    @property
    def computed_closing(self) -> int:
        return self.opening_balance + self.total_income - self.total_expenses

    @property
    def balances(self) -> bool:
        return self.closing_balance is None or self.closing_balance == self.computed_closing

    @property
    def income_by_source(self) -> dict[str, int]:
        return _sum_by(self.income, "source")

    @property
    def expenses_by_category(self) -> dict[str, int]:
        return _sum_by(self.expenses, "category")

    @property
    def expenses_by_programme(self) -> dict[str | None, int]:
        return _sum_by(self.expenses, "programme")

    @property
    def income_by_programme(self) -> dict[str | None, int]:
        return _sum_by(self.income, "programme")


def _sum_by(lines, attribute: str) -> dict:
    """Totals per key, largest first, so tables and charts read top-down."""
    totals: dict = defaultdict(int)
    for line in lines:
        totals[getattr(line, attribute)] += line.amount
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0]))))
