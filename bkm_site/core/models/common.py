"""Field types shared by every data file.

Each type rejects what an editor typically gets wrong with a catalogue message
and a hint saying what to write instead (:func:`refusal`); the loader says them
in the site's language at the file and line.
"""

from __future__ import annotations

import calendar
import math
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError, core_schema

from ..strings import catalogue

Sector = Literal["lingkungan", "sosial", "ekonomi"]
SECTORS: tuple[str, ...] = ("lingkungan", "sosial", "ekonomi")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DataModel(BaseModel):
    """Base of every data model: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


def _suggest_slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "contoh-slug"


RUPIAH_TEXT = re.compile(
    r"(?:Rp\.?)?\s*(\d[\d.]*)(?:,(\d+))?\s*(?:,-)?\s*(ribu|rb|juta|jt|miliar|milyar|m)?\.?", re.IGNORECASE
)
SCALES = {"ribu": 1_000, "rb": 1_000, "juta": 1_000_000, "jt": 1_000_000, "miliar": 10**9, "milyar": 10**9, "m": 10**9}


COMMA_THOUSANDS = re.compile(r"(?:Rp\.?)?\s*(\d{1,3}(?:,\d{3})+)")
"""``1,250,000``: thousands separated the English way."""


def _rupiah_from_text(text: str) -> int | None:
    """The amount an editor meant by "Rp 75.000.000,-", "1,5 juta" or "1,250,000", to suggest it in the hint."""
    if m := COMMA_THOUSANDS.fullmatch(text.strip()):
        return int(m[1].replace(",", ""))
    m = RUPIAH_TEXT.fullmatch(text.strip())
    if not m:
        return None
    whole, fraction, scale = m[1].replace(".", ""), m[2] or "", (m[3] or "").lower()
    factor = SCALES.get(scale, 1)
    if factor == 1:
        return int(whole)
    return int(whole) * factor + int(fraction.ljust(len(str(factor)) - 1, "0")[: len(str(factor)) - 1] or 0)


MAX_MONEY = 10**15
"""Beyond any BKM's figures; the bound also keeps amounts within what the formatter handles."""
MAX_COUNT = 10**9


def refusal(kind: str, key: str, hint: str | None = None, /, **values: Any) -> PydanticCustomError:
    """An editor's mistake as pydantic's error, worded from the catalogue: the loader says message ``key``
    and hint ``hint`` (default ``<key>.hint``) with ``values``, in the site's language."""
    hint = hint or key + ".hint"
    text = catalogue(DEFAULT_LANGUAGE)[key].format(**values)
    return PydanticCustomError(kind, text, {**values, SAY: key, SAY_HINT: hint})


SAY, SAY_HINT = "say", "say_hint"
"""The context keys of :func:`refusal`'s catalogue keys."""
DEFAULT_LANGUAGE = "id"


def _money(value: Any) -> int:
    if isinstance(value, bool):
        raise refusal("money_type", "value.money.bool", "value.money.example")
    if isinstance(value, int):
        if value < 0:
            raise refusal("money_negative", "value.money.negative", value=value, positive=-value)
        if value > MAX_MONEY:
            raise refusal("money_too_large", "value.money.too_large", "value.zeros.hint", value=value)
        return value
    if isinstance(value, float) and math.isfinite(value):
        whole = int(value) if value >= 0 else 0
        raise refusal("money_float", "value.money.float", value=value, whole=whole)
    if isinstance(value, str):
        amount = _rupiah_from_text(value)
        if amount is not None:
            raise refusal("money_text", "value.money.text", "value.money.text.hint", value=value, amount=amount)
        raise refusal("money_text", "value.money.text", "value.money.example_only", value=value)
    raise refusal("money_type", "value.money.type", "value.money.example")


ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _date(value: Any) -> date:
    """Only real ``YYYY-MM-DD`` dates: pydantic would read a number as a Unix timestamp."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if m := ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise refusal(
                "date_year", "value.date.year", "value.date.hint", value=text, first=FIRST_YEAR, last=LAST_YEAR
            )
        if not 1 <= month <= 12:
            raise refusal("date_impossible", "value.date.month", "value.date.hint", value=text)
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise refusal(
                "date_impossible",
                "value.date.day",
                value=text,
                month=month,
                year=year,
                last=last,
                example=f"{year}-{month:02d}-{last:02d}",
            )
        return date(year, month, day)
    shown = text if isinstance(value, str) else str(value)
    if m := DAY_FIRST.fullmatch(text):
        day_text, month_text, year_text = m.groups()
        iso = f"{year_text}-{int(month_text):02d}-{int(day_text):02d}"
        raise refusal("date_format", "value.date.format", "value.date.year_first.hint", value=shown, iso=iso)
    if iso_start := ISO_DATE.match(text):
        raise refusal("date_format", "value.date.format", "value.date.no_time.hint", value=shown, iso=iso_start[0])
    raise refusal("date_format", "value.date.format", "value.date.hint", value=shown)


_LEAP_YEAR = r"(?:(?:19|2\d)(?:0[48]|[2468][048]|[13579][26])|2[048]00)"
DATE_PATTERN = (
    r"^\s*(?:(?:19|2\d)\d{2}-(?:(?:0?[13578]|1[02])-(?:0?[1-9]|[12]\d|3[01])|(?:0?[469]|11)-(?:0?[1-9]|[12]\d|30)"
    r"|0?2-(?:0?[1-9]|1\d|2[0-8]))|" + _LEAP_YEAR + r"-0?2-29)\s*$"
)
"""The dates :func:`_date` accepts, as a JSON Schema pattern: real calendar days of 1900-2999, 2025-7-1 too."""


def _date_schema(schema: dict) -> None:
    schema.pop("format", None)  # "date" would refuse 2025-7-1, which the loader reads
    schema.update(pattern=DATE_PATTERN, examples=["2025-03-01"])


Date = Annotated[date, BeforeValidator(_date), Field(json_schema_extra=_date_schema)]
"""A calendar date written ``YYYY-MM-DD`` (text or a YAML date)."""


Money = Annotated[
    int,
    BeforeValidator(_money),
    Field(json_schema_extra={"minimum": 0, "maximum": MAX_MONEY, "examples": [75000000]}),
]
"""Whole Rupiah as a non-negative integer; never a float, never formatted text."""

MIN_PLANNED = 1_000
"""No BKM plans a line of less than a thousand Rupiah; 45 there is ``45.000`` that YAML read as 45.0."""


def _planned(value: Any) -> int:
    amount = _money(value)
    if 0 < amount < MIN_PLANNED:
        raise refusal(
            "money_too_small",
            "value.money.planned_small",
            value=amount,
            thousands=amount * 1_000,
            millions=amount * 1_000_000,
        )
    return amount


PlannedMoney = Annotated[
    int,
    BeforeValidator(_planned),
    Field(
        json_schema_extra={
            "minimum": 0,
            "maximum": MAX_MONEY,
            "anyOf": [{"const": 0}, {"minimum": MIN_PLANNED}],
            "examples": [75000000],
        }
    ),
]
"""A planned amount (a funding line's target, a PJM item's budget): 0, or at least Rp 1.000.

VS Code's schema says so too, so ``planned: 45.000`` (the number 45 to YAML) is refused by both."""


def _count(value: Any) -> int:
    if isinstance(value, str):
        raise refusal("count_type", "value.count.text", "value.count.hint", value=value)
    if isinstance(value, float):
        raise refusal("count_type", "value.count.fraction", "value.count.hint", value=value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise refusal("count_type", "value.count.type", "value.count.hint")
    if value < 0:
        raise refusal("count_negative", "value.count.negative", value=value)
    if value > MAX_COUNT:
        raise refusal("count_too_large", "value.count.too_large", "value.zeros.hint", value=value)
    return value


Count = Annotated[
    int, BeforeValidator(_count), Field(json_schema_extra={"minimum": 0, "maximum": MAX_COUNT, "examples": [85]})
]
"""A number of people, households, borrowers..."""


def _percent(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise refusal("percent_type", "value.percent.type")
    if not 0 <= value <= 100:
        raise refusal("percent_range", "value.percent.range", value=value)
    return value


Percent = Annotated[
    float, BeforeValidator(_percent), Field(json_schema_extra={"minimum": 0, "maximum": 100, "examples": [97.5]})
]


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value):
        text = str(value)
        raise refusal("slug", "value.slug", value=text, example=_suggest_slug(text))
    return value


Slug = Annotated[
    str, BeforeValidator(_slug), Field(json_schema_extra={"pattern": SLUG_RE.pattern, "examples": ["paving-rt03"]})
]


def _check_asset(value: str, info: ValidationInfo) -> str:
    """Photo and document paths: relative to the docs directory, inside it, existing with this exact case."""
    path = PurePosixPath(value.replace("\\", "/"))
    docs_dir = (info.context or {}).get("docs_dir")
    docs = f"{Path(docs_dir).name}/" if docs_dir is not None else "content/"
    if path.is_absolute() or re.match(r"^[A-Za-z]:", value) or re.match(r"^[a-z]+://", value):
        raise refusal("asset_absolute", "value.asset.absolute", value=value, docs=docs)
    if ".." in path.parts:
        raise refusal("asset_outside", "value.asset.leaves", value=value, docs=docs)
    if docs_dir is not None:
        target = Path(docs_dir, *path.parts)
        if path.parts[:1] == (docs.rstrip("/"),) and not _exists_with_this_case(Path(docs_dir), path.parts):
            inside = PurePosixPath(*path.parts[1:]).as_posix() if len(path.parts) > 1 else ""
            raise refusal("asset_docs_prefix", "value.asset.docs_prefix", value=value, docs=docs, inside=inside)
        if not _exists_with_this_case(Path(docs_dir), path.parts):
            raise refusal("asset_missing", "value.asset.missing", value=value, docs=docs, path=path.as_posix())
        try:
            target.resolve().relative_to(Path(docs_dir).resolve())
        except ValueError:
            raise refusal("asset_outside", "value.asset.points_outside", value=value, docs=docs) from None
    return path.as_posix()


def _exists_with_this_case(root: Path, parts: tuple[str, ...]) -> bool:
    """A file whose every name matches exactly: Windows and macOS ignore case, the web server does not."""
    folder = root
    for i, part in enumerate(parts):
        if part == ".":
            continue
        try:
            names = {entry.name: entry for entry in os.scandir(folder)}
        except OSError:
            return False
        entry = names.get(part)
        if entry is None or (i < len(parts) - 1 and not entry.is_dir()):
            return False
        folder = folder / part
    return folder.is_file()


ASSET_PATTERN = r"^(?![A-Za-z]:)(?![/\\])(?![a-z]+://)(?!(.*[/\\])?\.\.([/\\]|$)).+$"
"""Relative, inside the docs directory: what a JSON Schema can say of :func:`_check_asset`
(not that the file exists)."""

AssetPath = Annotated[
    str,
    AfterValidator(_check_asset),
    Field(json_schema_extra={"pattern": ASSET_PATTERN, "examples": ["images/paving-rt03/cover.jpg"]}),
]
"""A photo or document under the docs directory (``content/``)."""


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year, a quarter (``2025-Q3``) or a month (``2025-03``)."""

    start: date
    end: date
    kind: Literal["year", "quarter", "month"]
    text: str

    PATTERN = r"^\s*(19|2\d)\d{2}(-[Qq][1-4]|-(0[1-9]|1[0-2]))?\s*$"

    @classmethod
    def parse(cls, value: Any) -> Period:
        if isinstance(value, Period):
            return value
        text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
        if not re.match(r"(19|2\d)\d{2}(?!\d)", text):
            text = ""  # year 0000 or 0199: no calendar for it
        if m := re.fullmatch(r"(\d{4})", text):
            year = int(m[1])
            return cls(date(year, 1, 1), date(year, 12, 31), "year", text)
        if m := re.fullmatch(r"(\d{4})-[Qq]([1-4])", text):
            year, q = int(m[1]), int(m[2])
            first = 3 * q - 2
            return cls(
                date(year, first, 1),
                date(year, first + 2, calendar.monthrange(year, first + 2)[1]),
                "quarter",
                f"{year}-Q{q}",
            )
        if m := re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", text):
            year, month = int(m[1]), int(m[2])
            return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month", text)
        raise refusal("period", "value.period", value=value)

    def __str__(self) -> str:
        return self.text

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2999},
                {"type": "string", "pattern": cls.PATTERN},
            ],
            "description": "Tahun (2025), triwulan (2025-Q3) atau bulan (2025-03). / A year, quarter or month.",
            "examples": [2025, "2025-Q3", "2025-03"],
        }
