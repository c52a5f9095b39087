"""The optional files: ``partners.yml``, ``plan.yml`` and ``achievements.yml``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, RootModel

from .common import AssetPath, DataModel, Date, PlannedMoney, Sector, Slug
from .profile import Url

PartnerKind = Literal["pemerintah", "swasta", "perguruan_tinggi", "lsm", "komunitas"]
PARTNER_KINDS: tuple[str, ...] = ("pemerintah", "swasta", "perguruan_tinggi", "lsm", "komunitas")


class Partner(DataModel):
    slug: Slug = Field(
        description="Kode mitra yang dipakai program dan laporan. / Partner code used by programmes and reports."
    )
    name: str = Field(description="Nama mitra. / Partner name.")
    kind: PartnerKind = Field(description="Jenis mitra. / Kind of partner.")
    url: Url | None = Field(None, description="Situs web mitra. / Website.")
    logo: AssetPath | None = Field(None, description="Logo dari folder content/. / Logo under content/.")
    since: Date | None = Field(None, description="Bermitra sejak. / Partner since.")
    contribution: str | None = Field(None, description="Bentuk dukungan (teks biasa). / What the partner gives.")


class Partners(RootModel[list[Partner]]):
    """Daftar mitra BKM. / The BKM's partners."""


class PlanPeriod(DataModel):
    start: int = Field(ge=1990, le=2100, description="Tahun awal. / First year.", examples=[2024])
    end: int = Field(ge=1990, le=2100, description="Tahun akhir. / Last year.", examples=[2026])


class PlanItem(DataModel):
    id: Slug = Field(description="Kode butir, dipakai plan_item program. / Item code, used by a programme's plan_item.")
    title: str = Field(description="Nama kegiatan rencana. / Planned activity.")
    sector: Sector = Field(description="Bidang tridaya. / Tridaya sector.")
    year: int = Field(ge=1990, le=2100, description="Tahun rencana. / Planned year.", examples=[2025])
    budget: PlannedMoney = Field(description="Anggaran rencana, Rupiah. / Planned budget, Rupiah.")
    location: str | None = Field(None, description="Lokasi. / Location.")


class Plan(DataModel):
    """PJM Pronangkis: rencana jangka menengah penanggulangan kemiskinan. / The medium-term poverty-reduction plan."""

    title: str = Field(description="Judul rencana. / Plan title.", examples=["PJM Pronangkis 2024-2026"])
    period: PlanPeriod = Field(description="Tahun awal dan akhir. / First and last year.")
    items: list[PlanItem] = Field(default_factory=list, description="Butir rencana. / Plan items.")

    @property
    def budget(self) -> int:
        return sum(item.budget for item in self.items)


class Milestone(DataModel):
    date: Date = Field(description="Tanggal. / Date.")
    title: str = Field(description="Capaian. / Milestone.")
    description: str | None = Field(None, description="Uraian (Markdown). / Description (Markdown).")


class Story(DataModel):
    name: str = Field(description="Nama panggilan saja, misalnya Bu Yati. / First name only.")
    programme: Slug | None = Field(None, description="Kode program terkait. / Related programme slug.")
    quote: str = Field(description="Kata-kata warga. / The resident's words.")
    photo: AssetPath | None = Field(None, description="Foto dari folder content/. / Photo under content/.")


class Achievements(DataModel):
    """Tonggak capaian dan kisah warga. / Milestones and residents' stories."""

    milestones: list[Milestone] = Field(default_factory=list, description="Tonggak capaian BKM. / Milestones.")
    stories: list[Story] = Field(
        default_factory=list, description="Kisah warga; nama panggilan saja. / Residents' stories; first names only."
    )
