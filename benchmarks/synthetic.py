"""Synthetic BKM sites at scale, written two ways with the same content.

``write_data_site`` writes what a BKM using bkm-site keeps: ``data/`` YAML and a
few shared photos. ``write_handwritten_site`` writes the same programmes and
reports as plain Markdown pages, all in the navigation, built with Material
alone: what an editor would maintain without the plugin.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter

SECTORS = ("lingkungan", "sosial", "ekonomi")
STATUSES = ("planned", "ongoing", "completed")
WORKS = (
    "Paving jalan",
    "Drainase",
    "MCK komunal",
    "Bedah rumah",
    "Pelatihan menjahit",
    "Posyandu balita",
    "Modal usaha KSM",
    "Beasiswa anak",
    "Bank sampah",
    "PJU tenaga surya",
    "Sumur bor",
    "Posbindu lansia",
)
CATEGORIES = ("material", "upah kerja", "konsumsi", "pelatihan", "administrasi", "operasional BKM")
PHOTOS = ("a.jpg", "b.jpg", "c.jpg", "d.jpg")
FIRST_REPORT = date(2016, 1, 1)

BKM = {
    "name": "BKM Sejahtera Bersama",
    "area": {
        "kelurahan": "Sukamaju",
        "kecamatan": "Cibeunying Kidul",
        "kota": "Kota Bandung",
        "provinsi": "Jawa Barat",
    },
    "address": "Jl. Melati No. 5, RT 02/RW 04",
    "established": date(2008, 5, 12),
    "about": "BKM Sejahtera Bersama adalah lembaga warga yang dipilih langsung oleh warga kelurahan.\n",
    "contact": {"whatsapp": "+62 812-3456-7890", "email": "bkm@example.org"},
    "donation": {"bank": "Bank BJB", "account_number": "0012345678901", "account_name": "BKM Sejahtera Bersama"},
    "complaints": "Sampaikan pengaduan lewat WhatsApp atau kotak saran di sekretariat.\n",
}


def rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def programme(i: int, rng: random.Random) -> dict:
    work = WORKS[i % len(WORKS)]
    rt, rw = rng.randint(1, 12), rng.randint(1, 15)
    status = STATUSES[i % 3]
    planned = [rng.randrange(10, 90) * 1_000_000, rng.randrange(2, 20) * 500_000]
    received = [p if status == "completed" else rng.randrange(0, p + 1, 250_000) for p in planned]
    start = date(2016, 1, 1) + timedelta(days=(i * 37) % 3500)
    updates = [
        {
            "date": start + timedelta(days=20 * k + 5),
            "title": f"Tahap {k + 1} {work.lower()} selesai",
            "body": f"Pekerjaan tahap {k + 1} selesai dikerjakan bersama {rng.randint(8, 40)} warga. "
            "Terima kasih atas **gotong royongnya**.",
        }
        for k in range(3)
    ]
    return {
        "title": f"{work} RT {rt:02d}/RW {rw:02d} ({i})",
        "sector": SECTORS[i % 3],
        "status": status,
        "location": f"RT {rt:02d}/RW {rw:02d}",
        "start": start,
        **({"end": start + timedelta(days=90)} if status == "completed" else {}),
        "summary": f"{work} untuk {rng.randint(20, 120)} keluarga di RT {rt:02d}/RW {rw:02d}.",
        "description": (
            f"Warga RT {rt:02d}/RW {rw:02d} mengusulkan kegiatan ini di rembug warga. "
            f"{work} dikerjakan oleh KSM setempat dengan dana BLM dan swadaya warga.\n\n"
            "Kegiatan ini bagian dari PJM Pronangkis dan diawasi bersama oleh warga.\n"
        ),
        "cover": f"images/shared/{PHOTOS[i % 4]}",
        "funding": [
            # A completed programme lies inside the reports' months: its BLM money is what their lines say.
            {"source": "BLM", "planned": planned[0]} | ({} if status == "completed" else {"received": received[0]}),
            {"source": "swadaya", "planned": planned[1], "received": received[1], "in_kind": True},
        ],
        "outputs": [{"label": work, "volume": rng.randint(1, 300), "unit": "m"}],
        "beneficiaries": {"households": rng.randint(20, 120), "people": rng.randint(80, 400)},
        "progress": 100 if status == "completed" else (0 if status == "planned" else rng.randint(10, 90)),
        "documentation": [
            {"stage": s, "photo": f"images/shared/{PHOTOS[(i + k) % 4]}", "caption": f"Tahap {s} persen"}
            for k, s in enumerate((0, 50, 100))
        ],
        "updates": updates,
    }


def report(month: int, slugs: list[str], spenders: list[str], rng: random.Random, opening: int) -> dict:
    year, m = FIRST_REPORT.year + month // 12, month % 12 + 1
    day = lambda: date(year, m, rng.randint(1, 28))  # noqa: E731
    income = [
        {
            "date": day(),
            "source": "BLM",
            "description": f"Pencairan BLM {k + 1}",
            "amount": rng.randrange(5, 40) * 1_000_000,
            "programme": rng.choice(slugs),
        }
        for k in range(6)
    ]
    expenses = [
        {
            "date": day(),
            "category": CATEGORIES[k % len(CATEGORIES)],
            "description": f"Belanja {CATEGORIES[k % len(CATEGORIES)]} {k + 1}",
            "amount": rng.randrange(1, 12) * 500_000,
            "programme": rng.choice(spenders),
        }
        for k in range(14)
    ]
    closing = opening + sum(x["amount"] for x in income) - sum(x["amount"] for x in expenses)
    return {
        "period": f"{year}-{m:02d}",
        "opening_balance": opening,
        "income": income,
        "expenses": expenses,
        "closing_balance": closing,
    }


def dataset(n_programmes: int, n_reports: int, seed: int = 6) -> tuple[dict[str, dict], dict[str, dict]]:
    rng = random.Random(seed)
    programmes = {f"program-{i:04d}": programme(i, rng) for i in range(n_programmes)}
    # Spending is tagged to running programmes only: a completed one spent no more than the lines it received.
    spenders = [slug for slug, p in programmes.items() if p["status"] != "completed"]
    reports, opening = {}, 10_000_000
    for month in range(n_reports):
        r = report(month, list(programmes), spenders, rng, opening)
        opening = r["closing_balance"]
        reports[r["period"]] = r
    return programmes, reports


def write_photos(folder: Path) -> None:
    """Four 1600×1200 photo-like JPEGs (soft shapes, grain): about what a phone upload weighs after a messenger."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, name in enumerate(PHOTOS):
        rng = random.Random(k)
        im = Image.new("RGB", (1600, 1200), (rng.randint(60, 200), rng.randint(60, 200), rng.randint(60, 200)))
        d = ImageDraw.Draw(im)
        for _ in range(60):
            x, y = rng.randint(-200, 1600), rng.randint(-200, 1200)
            d.ellipse(
                (x, y, x + rng.randint(50, 500), y + rng.randint(50, 400)),
                fill=tuple(rng.randint(0, 255) for _ in range(3)),
            )
        im = im.filter(ImageFilter.GaussianBlur(6))
        grain = Image.effect_noise((1600, 1200), 18).convert("RGB")
        Image.blend(im, grain, 0.12).save(folder / name, quality=88)


class _Dumper(yaml.SafeDumper):
    """Quotes text made of digits, as the data format asks (an account number keeps its leading 0)."""


_Dumper.add_representer(
    str,
    lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style='"' if s.isdigit() else None),
)


def dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")


MKDOCS = {
    "site_name": "BKM Sejahtera Bersama",
    "site_url": "https://bkm.example.org/",
    "docs_dir": "content",
    "theme": {
        "name": "material",
        "language": "id",
        "font": False,
        "features": ["navigation.tabs", "navigation.top", "search.suggest"],
    },
}


def write_data_site(root: Path, n_programmes: int, n_reports: int) -> None:
    programmes, reports = dataset(n_programmes, n_reports)
    dump(root / "mkdocs.yml", {**MKDOCS, "plugins": ["search", "bkm"]})
    write_photos(root / "content" / "images" / "shared")
    dump(root / "data" / "bkm.yml", BKM)
    for slug, p in programmes.items():
        dump(root / "data" / "programmes" / f"{slug}.yml", p)
    for slug, r in reports.items():
        dump(root / "data" / "reports" / f"{slug}.yml", r)


def programme_markdown(p: dict) -> str:
    target = sum(f["planned"] for f in p["funding"])
    received = [f.get("received", f["planned"]) for f in p["funding"]]  # a completed programme received its plan
    raised = sum(received)
    rows = "\n".join(
        f"| {f['source']} | {rupiah(f['planned'])} | {rupiah(r)} |" for f, r in zip(p["funding"], received, strict=True)
    )
    photos = "\n\n".join(
        f"![{d['caption']}](../images/shared/{d['photo'].rsplit('/', 1)[1]})" for d in p["documentation"]
    )
    updates = "\n\n".join(
        f"### {u['title']}\n\n*{u['date'].isoformat()}*\n\n{u['body']}"
        for u in sorted(p["updates"], key=lambda u: u["date"], reverse=True)
    )
    return (
        f"---\ndescription: {p['summary']}\n---\n\n# {p['title']}\n\n{p['summary']}\n\n"
        f"![Foto sampul](../images/shared/{p['cover'].rsplit('/', 1)[1]})\n\n"
        f"**Target:** {rupiah(target)} · **Terkumpul:** {rupiah(raised)} · **Kemajuan:** {p['progress']}%\n\n"
        f"| Sumber | Rencana | Diterima |\n| --- | --- | --- |\n{rows}\n\n{p['description']}\n"
        f"## Dokumentasi\n\n{photos}\n\n## Kabar terbaru\n\n{updates}\n"
    )


def report_markdown(r: dict) -> str:
    income = "\n".join(
        f"| {x['date'].isoformat()} | {x['source']} | {x['description']} | {rupiah(x['amount'])} |" for x in r["income"]
    )
    expenses = "\n".join(
        f"| {x['date'].isoformat()} | {x['category']} | {x['description']} | {rupiah(x['amount'])} |"
        for x in r["expenses"]
    )
    return (
        f"# Laporan Keuangan {r['period']}\n\n**Saldo awal:** {rupiah(r['opening_balance'])} · "
        f"**Saldo akhir:** {rupiah(r['closing_balance'])}\n\n## Pemasukan\n\n| Tanggal | Sumber | Uraian | Jumlah |\n"
        f"| --- | --- | --- | --- |\n{income}\n\n## Pengeluaran\n\n| Tanggal | Jenis | Uraian | Jumlah |\n"
        f"| --- | --- | --- | --- |\n{expenses}\n"
    )


def write_handwritten_site(root: Path, n_programmes: int, n_reports: int) -> None:
    programmes, reports = dataset(n_programmes, n_reports)
    dump(root / "mkdocs.yml", {**MKDOCS, "plugins": ["search"], "markdown_extensions": ["tables", "attr_list"]})
    content = root / "content"
    write_photos(content / "images" / "shared")
    (content / "index.md").write_text(f"# {BKM['name']}\n\nKita Peduli Kita Bisa Atasi.\n", encoding="utf-8")
    links = "\n".join(f"- [{p['title']}]({slug}.md): {p['summary']}" for slug, p in programmes.items())
    (content / "program").mkdir()
    (content / "program" / "index.md").write_text(f"# Program\n\n{links}\n", encoding="utf-8")
    for slug, p in programmes.items():
        (content / "program" / f"{slug}.md").write_text(programme_markdown(p), encoding="utf-8")
    (content / "transparansi").mkdir()
    links = "\n".join(f"- [Laporan {slug}]({slug}.md)" for slug in reports)
    (content / "transparansi" / "index.md").write_text(f"# Transparansi\n\n{links}\n", encoding="utf-8")
    for slug, r in reports.items():
        (content / "transparansi" / f"{slug}.md").write_text(report_markdown(r), encoding="utf-8")


FLOOR_HOOK = '''"""The floor site's search: the same Pagefind step bkm-site runs after its build (bkm_site.search)."""

from pathlib import Path

from bkm_site.core.strings import catalogue
from bkm_site.search import build_index


def on_post_build(config):
    build_index(Path(config.site_dir), catalogue("id"))
'''


def write_floor_site(root: Path, n_pages: int) -> None:
    """MkDocs' own floor: ``n_pages`` trivial Markdown pages (one in the navigation), Material, and bkm-site's
    search step (Pagefind over the built HTML) instead of Material's lunr search, which bkm-site switches off."""
    dump(
        root / "mkdocs.yml",
        {
            **MKDOCS,
            "plugins": [],
            "hooks": ["floor_search.py"],
            "nav": ["index.md"],
            "not_in_nav": "/halaman/",
        },
    )
    (root / "floor_search.py").write_text(FLOOR_HOOK, encoding="utf-8")
    content = root / "content"
    (content / "halaman").mkdir(parents=True)
    (content / "index.md").write_text(f"# {BKM['name']}\n\nKita Peduli Kita Bisa Atasi.\n", encoding="utf-8")
    for i in range(1, n_pages):
        (content / "halaman" / f"{i:05d}.md").write_text(f"# Halaman {i}\n\nHalaman sederhana nomor {i}.\n", "utf-8")
