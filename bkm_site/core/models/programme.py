"""``data/programmes/<slug>.yml``: one campaign (kegiatan) of the BKM."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import Field, StrictBool

from .common import MAX_COUNT, AssetPath, Count, DataModel, Date, Money, PlannedMoney, Sector, Slug

Status = Literal["planned", "ongoing", "completed"]
STATUSES: tuple[str, ...] = ("planned", "ongoing", "completed")
Source = Literal["BLM", "APBN", "APBD", "APBDes", "swadaya", "CSR", "donasi", "lainnya"]
SOURCES: tuple[str, ...] = ("BLM", "APBN", "APBD", "APBDes", "swadaya", "CSR", "donasi", "lainnya")
PARTNER_SOURCES = ("CSR", "donasi")
TITLE_LIMIT = 120
"""Characters: a longer title fills a phone's first screen."""
SUMMARY_LIMIT = 200


class FundingLine(DataModel):
    source: Source = Field(description="Sumber dana. / Source of funds.")
    partner: Slug | None = Field(None, description="Mitra (hanya untuk CSR dan donasi). / Partner slug (CSR, donasi).")
    planned: PlannedMoney = Field(description="Rencana, Rupiah. / Planned amount, Rupiah.")
    received: Money = Field(0, description="Sudah diterima, Rupiah. / Received so far, Rupiah.")
    in_kind: StrictBool = Field(False, description="Berupa barang/tenaga (natura). / Given in kind.")


class Output(DataModel):
    label: str = Field(description="Hasil kegiatan. / What was built or done.")
    volume: float = Field(
        ge=0, le=MAX_COUNT, description="Jumlah hasil, misalnya 220. / Quantity, e.g. 220.", examples=[220]
    )
    unit: str = Field(description="Satuan, misalnya m, unit, orang. / Unit.")


class Beneficiaries(DataModel):
    households: Count = Field(0, description="Kepala keluarga (KK). / Households.")
    poor_households: Count = Field(0, description="KK miskin. / Poor households.")
    people: Count = Field(0, description="Jiwa. / People.")
    women: Count = Field(0, description="Perempuan. / Women.")


class DocPhoto(DataModel):
    stage: Literal[0, 50, 100] = Field(description="Tahap foto 0, 50 atau 100 persen. / Stage.")
    photo: AssetPath = Field(description="Lokasi foto dari folder content/. / Photo path under content/.")
    caption: str | None = Field(None, description="Keterangan foto. / Caption.")


class Update(DataModel):
    date: Date = Field(description="Tanggal kabar. / Date of the update.")
    title: str = Field(description="Judul kabar. / Headline.")
    body: str | None = Field(None, description="Isi kabar (Markdown). / Body (Markdown).")


class Help(DataModel):
    needs: list[str] = Field(default_factory=list, description="Yang dibutuhkan. / What is needed.")
    volunteer: StrictBool = Field(False, description="Mencari relawan? / Looking for volunteers?")


class Programme(DataModel):
    """Satu program (kegiatan) BKM: kampanye, dana dan buktinya. / A programme: the BKM's campaign, its money and its proof."""  # noqa: E501 (the schema's description)

    slug: str = Field(exclude=True, description="Dari nama berkas. / From the file name.")
    title: str = Field(
        max_length=TITLE_LIMIT,
        description="Judul program, paling banyak 120 karakter. / Programme title, at most 120 characters.",
        examples=["Perbaikan Jalan Lingkungan RT 03/RW 04"],
    )
    sector: Sector = Field(description="Bidang tridaya. / Tridaya sector.")
    status: Status = Field(
        description="planned (rencana), ongoing (berjalan), completed (selesai). / Planned, ongoing or completed."
    )
    location: str = Field(description="Lokasi, misalnya RT 03/RW 04. / Location.")
    start: Date = Field(description="Tanggal mulai. / Start date.")
    end: Date | None = Field(
        None, description="Tanggal selesai; wajib bila completed. / End date; required when completed."
    )
    summary: str = Field(
        max_length=SUMMARY_LIMIT,
        description="Satu kalimat untuk kartu dan pratinjau, paling banyak 200 karakter. "
        "/ One line for cards, at most 200 characters.",
    )
    description: str | None = Field(None, description="Uraian (Markdown). / Description (Markdown).")
    cover: AssetPath | None = Field(None, description="Foto sampul dari folder content/. / Cover photo under content/.")
    featured: StrictBool = Field(False, description="Tampilkan di beranda. / Show on the home page.")
    funding: list[FundingLine] = Field(
        default_factory=list,
        description="Sumber dana: rencana dan yang diterima. / Funding per source: planned and received.",
    )
    spent: Money | None = Field(None, description="Sudah dibelanjakan, Rupiah. / Spent, Rupiah.")
    remaining_note: str | None = Field(
        None,
        description="Ke mana sisa dana (diterima − dibelanjakan) setelah program selesai. / "
        "What became of the money remaining once the programme is completed.",
        examples=["Dikembalikan ke kas BKM dan dicatat dalam laporan keuangan 2024."],
    )
    outputs: list[Output] = Field(default_factory=list, description="Hasil fisik kegiatan. / Physical outputs.")
    beneficiaries: Beneficiaries = Field(
        default_factory=Beneficiaries,
        description="Penerima manfaat (jumlah, bukan nama). / Beneficiaries (counts, no names).",
    )
    ksm: str | None = Field(None, description="Kelompok Swadaya Masyarakat pelaksana. / Implementing KSM.")
    partners: list[Slug] = Field(default_factory=list, description="Kode mitra dari partners.yml. / Partner slugs.")
    plan_item: Slug | None = Field(None, description="Kode butir PJM dari plan.yml. / Plan item id.")
    progress: int = Field(0, ge=0, le=100, description="Kemajuan fisik 0-100 persen. / Progress, percent.")
    documentation: list[DocPhoto] = Field(
        default_factory=list, description="Foto 0-50-100 persen. / The 0-50-100 % photo record."
    )
    updates: list[Update] = Field(default_factory=list, description="Kabar terbaru. / News updates.")
    help: Help | None = Field(None, description="Ajakan membantu. / Call to action.")

    @property
    def target(self) -> int:
        return sum(line.planned for line in self.funding)

    @property
    def raised(self) -> int:
        return sum(line.received for line in self.funding)

    @property
    def raised_in_kind(self) -> int:
        return sum(line.received for line in self.funding if line.in_kind)

    @property
    def remaining(self) -> int:
        return max(self.target - self.raised, 0)

    @property
    def funded_share(self) -> float:
        """Raised as a share of target, 0..1 (can pass 1 when over-funded)."""
        return self.raised / self.target if self.target else 0.0

    @property
    def updates_newest_first(self) -> list[Update]:
        return sorted(self.updates, key=lambda u: u.date, reverse=True)

    @property
    def photos_by_stage(self) -> dict[int, DocPhoto]:
        return {photo.stage: photo for photo in self.documentation}

    @property
    def partner_slugs(self) -> set[str]:
        """Every partner the programme names, in its list or on a funding line."""
        return set(self.partners) | {line.partner for line in self.funding if line.partner}

    @property
    def needs_help(self) -> bool:
        return self.status != "completed" and (
            self.remaining > 0 or bool(self.help and (self.help.needs or self.help.volunteer))
        )


def total(programmes: Iterable[Programme], attribute: str) -> int:
    return sum(getattr(p, attribute) for p in programmes)
