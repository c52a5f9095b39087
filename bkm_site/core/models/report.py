"""``data/reports/<slug>.yml``: one transparency report for a period."""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field

from .common import AssetPath, Count, DataModel, Date, Money, Percent, Period, Slug
from .programme import Source


class Income(DataModel):
    date: Date = Field(description="Tanggal terima, di dalam periode. / Date received, within the period.")
    source: Source = Field(description="Sumber dana. / Source of funds.")
    description: str = Field(description="Uraian. / Description.")
    amount: Money = Field(description="Jumlah, Rupiah. / Amount, Rupiah.")
    programme: Slug | None = Field(None, description="Kode program penerima. / Programme slug.")
    partner: Slug | None = Field(None, description="Mitra pemberi (CSR, donasi). / Partner slug.")


class Expense(DataModel):
    date: Date = Field(description="Tanggal belanja, di dalam periode. / Date spent, within the period.")
    category: str = Field(
        description="Jenis belanja, misalnya material, upah. / Category.", examples=["material", "upah", "operasional"]
    )
    description: str = Field(description="Uraian. / Description.")
    amount: Money = Field(description="Jumlah, Rupiah. / Amount, Rupiah.")
    programme: Slug | None = Field(None, description="Kode program. / Programme slug.")


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
    auditor: str = Field(description="Nama auditor atau KAP. / Auditor.")
    date: Date = Field(description="Tanggal laporan audit. / Audit report date.")
    opinion: str = Field(description="Opini auditor. / Auditor's opinion.")
    document: AssetPath | None = Field(
        None, description="Berkas laporan audit dari folder content/. / Audit report file under content/."
    )


class Approval(DataModel):
    event: str = Field(description="Forum pengesahan, misalnya Rembug Warga Tahunan. / Approving meeting.")
    date: Date = Field(description="Tanggal pengesahan. / Approval date.")


class Report(DataModel):
    """Uang masuk dan keluar satu periode; saldo dihitung, saldo yang ditulis diperiksa. / Money in and out for one period; balances are computed, typed ones checked."""  # noqa: E501 (the schema's description)

    slug: str = Field(exclude=True)
    period: Period = Field(description="Periode laporan: tahun, triwulan atau bulan. / Reporting period.")
    title: str | None = Field(
        None, description="Judul; bila kosong dibuat dari periode. / Title; made from the period when absent."
    )
    opening_balance: Money = Field(description="Saldo awal, Rupiah. / Opening balance, Rupiah.")
    income: list[Income] = Field(default_factory=list, description="Pemasukan. / Income.")
    expenses: list[Expense] = Field(default_factory=list, description="Pengeluaran. / Expenses.")
    closing_balance: Money | None = Field(
        None,
        description="Saldo akhir; harus sama dengan saldo awal + pemasukan - pengeluaran. "
        "/ Closing balance; must equal opening + income - expenses.",
    )
    loans: Loans | None = Field(None, description="Dana bergulir UPK. / UPK revolving fund.")
    audit: Audit | None = Field(None, description="Hasil audit. / Audit.")
    approved: Approval | None = Field(None, description="Pengesahan laporan. / Approval of the report.")

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
