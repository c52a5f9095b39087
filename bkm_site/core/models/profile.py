"""``data/bkm.yml``: who the BKM is and how to reach it."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from .common import Count, DataModel, Date, refusal

DEFAULT_TAGLINE = "Kita Peduli Kita Bisa Atasi"


def _digits_text(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise refusal("quote_number", "value.quote_number", value=value)
    return value


def _phone(value: Any) -> str:
    value = _digits_text(value)
    if not isinstance(value, str) or not re.fullmatch(r"\+?[0-9 ()\-.]{8,20}", value.strip()):
        raise refusal("phone", "value.phone", value=value)
    return value.strip()


def _email(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", value.strip()):
        raise refusal("email", "value.email", value=value)
    return value.strip()


def _url(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s<>\"']+", value.strip()):
        raise refusal("url", "value.url", value=value)
    return value.strip()


Phone = Annotated[
    str,
    BeforeValidator(_phone),
    Field(json_schema_extra={"pattern": r"^\s*\+?[0-9 ()\-.]{8,20}\s*$", "examples": ["+62 812-3456-7890"]}),
]
Email = Annotated[
    str,
    BeforeValidator(_email),
    Field(json_schema_extra={"pattern": r"^\s*[^@\s]+@[^@\s]+\.[A-Za-z]{2,}\s*$", "examples": ["bkm@example.org"]}),
]
Url = Annotated[
    str,
    BeforeValidator(_url),
    Field(json_schema_extra={"pattern": r"^\s*https?://[^\s<>\"']+\s*$", "examples": ["https://example.org"]}),
]
DigitsText = Annotated[str, BeforeValidator(_digits_text)]


class Area(DataModel):
    kelurahan: str = Field(description="Kelurahan atau desa. / Urban or rural village.")
    kecamatan: str = Field(description="Kecamatan. / District.")
    kota: str = Field(description="Kota atau kabupaten. / City or regency.")
    provinsi: str = Field(description="Provinsi. / Province.")


class Contact(DataModel):
    whatsapp: Phone | None = Field(None, description="Nomor WhatsApp sekretariat (publik). / Public WhatsApp number.")
    phone: Phone | None = Field(None, description="Nomor telepon sekretariat. / Office phone.")
    email: Email | None = Field(None, description="Email sekretariat. / Office email.")
    instagram: str | None = Field(None, description="Nama akun tanpa @. / Handle without @.")
    facebook: str | None = Field(None, description="Nama halaman Facebook. / Facebook page.")
    website: Url | None = Field(None, description="Situs web lain. / Other website.")

    @property
    def whatsapp_digits(self) -> str | None:
        """The number as wa.me wants it: digits only, country code first."""
        if not self.whatsapp:
            return None
        digits = re.sub(r"\D", "", self.whatsapp)
        return "62" + digits[1:] if digits.startswith("0") else digits

    @property
    def instagram_handle(self) -> str | None:
        return self.instagram.lstrip("@") if self.instagram else None


class Donation(DataModel):
    bank: str = Field(description="Nama bank. / Bank name.")
    account_number: DigitsText = Field(description="Nomor rekening, dengan tanda kutip. / Account number, quoted.")
    account_name: str = Field(description="Nama pemilik rekening (atas nama BKM). / Account holder.")


class BoardMember(DataModel):
    name: str = Field(description="Nama yang boleh diumumkan. / Public name.")
    role: str = Field(description="Jabatan, misalnya Koordinator. / Role.")


class Profile(DataModel):
    """Profil publik BKM. / The BKM's public profile."""

    name: str = Field(description="Nama BKM/LKM. / The BKM's name.", examples=["BKM Maju Bersama"])
    tagline: str = Field(DEFAULT_TAGLINE, description="Semboyan. / Motto.")
    area: Area = Field(description="Wilayah kerja. / Area served.")
    address: str = Field(description="Alamat sekretariat. / Office address.")
    established: Date = Field(description="Tanggal berdiri (YYYY-MM-DD). / Founding date.")
    legal: str | None = Field(None, description="Dasar hukum, misalnya akta notaris. / Legal basis.")
    about: str = Field(description="Cerita singkat BKM (Markdown). / The BKM's story (Markdown).")
    contact: Contact = Field(description="Kontak publik sekretariat. / Public contact.")
    donation: Donation | None = Field(None, description="Rekening donasi. / Donation account.")
    board: list[BoardMember] = Field(default_factory=list, description="Pengurus (nama publik). / Board members.")
    units: list[str] = Field(
        default_factory=list, description="Unit pelaksana, misalnya UPK, UPL, UPS. / Implementing units."
    )
    volunteers: Count | None = Field(None, description="Jumlah relawan aktif. / Active volunteers.")
    complaints: str | None = Field(None, description="Cara menyampaikan pengaduan/PPM (Markdown). / How to complain.")

    @property
    def area_line(self) -> str:
        a = self.area
        return f"Kelurahan {a.kelurahan}, Kecamatan {a.kecamatan}, {a.kota}, {a.provinsi}"
