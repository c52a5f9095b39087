"""The optional files: ``partners.yml``, ``plan.yml`` and ``achievements.yml``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, RootModel

from .common import AssetPath, DataModel, Date, Money, Sector, Slug
from .profile import Url

PartnerKind = Literal["pemerintah", "swasta", "perguruan_tinggi", "lsm", "komunitas"]
PARTNER_KINDS: tuple[str, ...] = ("pemerintah", "swasta", "perguruan_tinggi", "lsm", "komunitas")


class Partner(DataModel):
    slug: Slug
    name: str
    kind: PartnerKind
    url: Url | None = None
    logo: AssetPath | None = None
    since: Date | None = None
    contribution: str | None = Field(None, description="Bentuk dukungan (teks biasa). / What the partner gives.")


class Partners(RootModel[list[Partner]]):
    pass


class PlanPeriod(DataModel):
    start: int = Field(ge=1990, le=2100)
    end: int = Field(ge=1990, le=2100)


class PlanItem(DataModel):
    id: Slug
    title: str
    sector: Sector
    year: int = Field(ge=1990, le=2100)
    budget: Money
    location: str | None = None


class Plan(DataModel):
    """PJM Pronangkis: the medium-term poverty-reduction plan."""

    title: str
    period: PlanPeriod
    items: list[PlanItem] = Field(default_factory=list)

    @property
    def budget(self) -> int:
        return sum(item.budget for item in self.items)


class Milestone(DataModel):
    date: Date
    title: str
    description: str | None = Field(None, description="Uraian (Markdown). / Description (Markdown).")


class Story(DataModel):
    name: str = Field(description="Nama panggilan saja, misalnya Bu Yati. / First name only.")
    programme: Slug | None = None
    quote: str
    photo: AssetPath | None = None


class Achievements(DataModel):
    milestones: list[Milestone] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
