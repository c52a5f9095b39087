"""Mistakes a secretary really makes in data/: each gets one exact message (file, line, character,
field, hint) in the site's language, and nothing is built.

The YAML traps (a `` #`` in a text, a comma in a one-line ``{ … }`` entry, invisible or curly
characters pasted from WhatsApp or Word, YAML 1.1 words), the parser's errors in plain words,
one problem per cause, and the limits on titles.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from test_validation import BKM, JALAN, LAPORAN, PROG, make, prog, report

from bkm_site.core.loading import DataError, load_site


@dataclass(frozen=True)
class Exact:
    id: str
    files: dict
    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str
    language: str = "id"


def flow_report(*lines: str) -> str:
    """A report whose income lines are written in the one-line ``{ … }`` style."""
    return "period: 2025\nopening_balance: 12000000\nincome:\n" + "".join(f"  - {line}\n" for line in lines)


TITLE = "title: Perbaikan Jalan Lingkungan RT 03/RW 04"
EXACT = [
    # --- a " #" in a plain text value ---------------------------------------------------------
    Exact(
        "comment-eats-title",
        {JALAN: prog((TITLE, "title: Material tahap #2 sudah datang"))},
        JALAN,
        1,
        23,
        "title",
        'Teks setelah " #" tidak terbaca: YAML menganggap # yang didahului spasi sebagai awal catatan, '
        'sehingga yang terbaca hanya "Material tahap", dan "#2 sudah datang" hilang.',
        'Apit seluruh teks dengan tanda kutip: title: "Material tahap #2 sudah datang"',
    ),
    Exact(
        "comment-eats-title-en",
        {JALAN: prog((TITLE, "title: Material tahap #2 sudah datang"))},
        JALAN,
        1,
        23,
        "title",
        'The text after " #" is not read: to YAML a # after a space starts a comment, '
        'so only "Material tahap" is read and "#2 sudah datang" is lost.',
        'Put the whole text in quotes: title: "Material tahap #2 sudah datang"',
        language="en",
    ),
    Exact(
        "comment-in-one-line-entry",
        {LAPORAN: flow_report("{date: 2025-01-15, source: BLM, description: Semen #2, amount: 5000}")},
        LAPORAN,
        4,
        56,
        "",
        "Tanda # yang didahului spasi di dalam entri satu baris { … } memulai catatan, sehingga sisa baris ini "
        "(termasuk penutup }) tidak terbaca.",
        'Apit teks yang memuat # dengan tanda kutip, misalnya description: "Semen #2".',
    ),
    # --- commas in one-line entries -----------------------------------------------------------
    Exact(
        "comma-in-one-line-text",
        {LAPORAN: flow_report("{date: 2025-01-15, source: BLM, description: Semen, pasir dan kerikil, amount: 5000}")},
        LAPORAN,
        4,
        50,
        "income › #1 › description",
        'Koma di dalam nilai description memotong teksnya di entri satu baris { … }: "pasir dan kerikil" '
        "terbaca sebagai nama kolom lain.",
        'Apit teksnya dengan tanda kutip: description: "Semen, pasir dan kerikil"',
    ),
    Exact(
        "comma-in-one-line-money-words",
        {LAPORAN: flow_report("{date: 2025-01-15, source: BLM, description: Semen, amount: 1,5 juta}")},
        LAPORAN,
        4,
        65,
        "income › #1 › amount",
        'Nilai uang ditulis sebagai teks ("1,5 juta"); yang diminta angka Rupiah tanpa "Rp", titik, atau koma.',
        "Tulis 1500000 saja.",
    ),
    Exact(
        "comma-in-one-line-money-thousands",
        {LAPORAN: flow_report("{date: 2025-01-15, source: BLM, description: Semen, amount: 1,250,000}")},
        LAPORAN,
        4,
        65,
        "income › #1 › amount",
        'Nilai uang ditulis sebagai teks ("1,250,000"); yang diminta angka Rupiah tanpa "Rp", titik, atau koma.',
        "Tulis 1250000 saja.",
    ),
    Exact(
        "money-thousands-dot-round",
        {JALAN: prog(("planned: 12500000", "planned: 45.000"))},
        JALAN,
        15,
        12,
        "funding › #2 › planned",
        "Nilai uang 45.000 terbaca sebagai angka desimal; titik sebagai pemisah ribuan tidak dipakai di sini.",
        "Tulis 45000 (tanpa titik).",
    ),
    Exact(
        "amount-thousands-dot-round",
        {LAPORAN: report(("  amount: 30000000", "  amount: 45.000"))},
        LAPORAN,
        12,
        11,
        "expenses › #1 › amount",
        "Nilai uang 45.000 terbaca sebagai angka desimal; titik sebagai pemisah ribuan tidak dipakai di sini.",
        "Tulis 45000 (tanpa titik).",
    ),
    Exact(
        "planned-below-a-thousand",
        {JALAN: prog(("planned: 12500000", "planned: 45"))},
        JALAN,
        15,
        12,
        "funding › #2 › planned",
        "Nilai rencana Rp 45 terlalu kecil: rencana ditulis 0 atau minimal Rp 1.000.",
        "Tulis angka Rupiah utuh tanpa titik, misalnya 45000 atau 45000000.",
    ),
    Exact(
        "planned-below-a-thousand-en",
        {JALAN: prog(("planned: 12500000", "planned: 45"))},
        JALAN,
        15,
        12,
        "funding › #2 › planned",
        "The planned amount Rp 45 is too small: a planned amount is 0 or at least Rp 1,000.",
        "Write the whole number of Rupiah without dots, for example 45000 or 45000000.",
        language="en",
    ),
    Exact(
        "period-year-zero",
        {LAPORAN: report(("period: 2025", "period: '0000'"))},
        LAPORAN,
        1,
        9,
        "period",
        'Periode "0000" tidak dikenali.',
        "Tulis tahun (2025), triwulan (2025-Q3) atau bulan (2025-03).",
    ),
    # --- invisible and typographic characters ---------------------------------------------------
    Exact(
        "no-break-space-indent",
        {JALAN: prog(("  planned: 75000000", "\u00a0 planned: 75000000"))},
        JALAN,
        12,
        1,
        "",
        "Ada spasi tak-putus (U+00A0, dari Word atau WhatsApp) di sini; YAML tidak menganggapnya spasi, "
        "sehingga baris ini terbaca lain dari yang terlihat.",
        "Hapus spasi di karakter 1 dan ketik ulang dengan tombol spasi biasa.",
    ),
    Exact(
        "no-break-space-after-colon",
        {JALAN: prog(("location: RT 03/RW 04", "location:\u00a0RT 03/RW 04"))},
        JALAN,
        4,
        10,
        "",
        "Ada spasi tak-putus (U+00A0, dari Word atau WhatsApp) di sini; YAML tidak menganggapnya spasi, "
        "sehingga baris ini terbaca lain dari yang terlihat.",
        "Hapus spasi di karakter 10 dan ketik ulang dengan tombol spasi biasa.",
    ),
    Exact(
        "zero-width-space-in-field-name",
        {JALAN: prog(("summary:", "summary\u200b:"))},
        JALAN,
        6,
        8,
        "",
        "Ada karakter tak terlihat (spasi lebar-nol, U+200B) di sini, biasanya terbawa saat menyalin dari "
        "WhatsApp, Word atau web.",
        "Hapus karakter itu: letakkan kursor tepat di karakter 8 dan tekan Delete, atau ketik ulang baris ini "
        "tanpa salin-tempel.",
    ),
    Exact(
        "bom-inside-file",
        {JALAN: prog(("progress: 60", "\ufeffprogress: 60"))},
        JALAN,
        27,
        1,
        "",
        "Ada karakter tak terlihat (tanda BOM di tengah berkas, U+FEFF) di sini, biasanya terbawa saat menyalin "
        "dari WhatsApp, Word atau web.",
        "Hapus karakter itu: letakkan kursor tepat di karakter 1 dan tekan Delete, atau ketik ulang baris ini "
        "tanpa salin-tempel.",
    ),
    Exact(
        "curly-quotes-around-colon",
        {JALAN: prog((TITLE, "title: \u201cRapat: Tahap I\u201d"))},
        JALAN,
        1,
        8,
        "",
        "Tanda kutip lengkung \u201c (dari Word atau HP) tidak dikenali YAML sebagai tanda kutip, jadi teksnya "
        "tidak terlindungi.",
        'Ganti tanda kutip lengkung di awal dan akhir teks dengan tanda kutip biasa ", misalnya '
        'title: "Rapat: Tahap I".',
    ),
    Exact(
        "curly-quotes-en",
        {JALAN: prog((TITLE, "title: \u2018Rapat: Tahap I\u2019"))},
        JALAN,
        1,
        8,
        "",
        "The curly quote \u2018 (from Word or a phone) is not a quote mark to YAML, so it does not protect the text.",
        'Replace the curly quotes at the start and end of the text with the straight quote ", for example '
        'title: "Meeting: Phase I".',
        language="en",
    ),
    # --- YAML syntax, in words ---------------------------------------------------------------
    Exact(
        "text-starting-with-star",
        {JALAN: prog(("body: Sudah 120 m.", "body: *Penting* sudah 120 m."))},
        JALAN,
        31,
        9,
        "",
        "Teks yang diawali * dibaca YAML sebagai tanda khusus, bukan sebagai teks.",
        'Apit seluruh teks dengan tanda kutip: body: "*Penting* sudah 120 m."',
    ),
    Exact(
        "text-starting-with-star-and-no-second-star",
        {JALAN: prog(("body: Sudah 120 m.", "body: *Penting sudah 120 m."))},
        JALAN,
        31,
        9,
        "",
        "Teks yang diawali * dibaca YAML sebagai tanda khusus, bukan sebagai teks.",
        'Apit seluruh teks dengan tanda kutip: body: "*Penting sudah 120 m."',
    ),
    Exact(
        "missing-colon",
        {JALAN: prog(("location: RT 03/RW 04", "location RT 03/RW 04"))},
        JALAN,
        4,
        1,
        "",
        "Baris ini tidak punya titik dua (:) setelah nama kolom.",
        "Tulis nama kolom, titik dua, spasi, lalu nilainya, misalnya title: Perbaikan Jalan.",
    ),
    Exact(
        "missing-colon-first-line",
        {JALAN: prog((TITLE, "title Perbaikan Jalan"))},
        JALAN,
        1,
        1,
        "",
        "Baris ini tidak punya titik dua (:) setelah nama kolom.",
        "Tulis nama kolom, titik dua, spasi, lalu nilainya, misalnya title: Perbaikan Jalan.",
    ),
    Exact(
        "missing-colon-en",
        {JALAN: prog(("location: RT 03/RW 04", "location RT 03/RW 04"))},
        JALAN,
        4,
        1,
        "",
        "This line has no colon (:) after the field name.",
        "Write the field name, a colon, a space and the value, for example title: Road repair.",
        language="en",
    ),
    Exact(
        "colon-inside-text",
        {JALAN: prog(("title: Perbaikan Jalan", "title: Rapat: Jalan"))},
        JALAN,
        1,
        13,
        "",
        "Ada titik dua (:) di tempat yang tidak terduga, atau baris ini tidak sejajar dengan baris di atasnya.",
        'Teks ini memuat titik dua: apit seluruh teks dengan tanda kutip, title: "Rapat: Jalan Lingkungan RT 03/RW 04"',
    ),
    Exact(
        "text-starting-with-at",
        {JALAN: prog(("location: RT 03/RW 04", "location: @rt03"))},
        JALAN,
        4,
        11,
        "",
        "Teks yang diawali @ dibaca YAML sebagai tanda khusus, bukan sebagai teks.",
        'Apit seluruh teks dengan tanda kutip: location: "@rt03"',
    ),
    Exact(
        "text-after-block-marker",
        {JALAN: prog(("body: Sudah 120 m.", "body: |Sudah 120 m."))},
        JALAN,
        31,
        10,
        "",
        "Setelah | atau > hanya boleh ada - atau +; teksnya dimulai di baris berikutnya.",
        "Pindahkan teks setelah | ke baris berikutnya, menjorok dua spasi lebih dalam.",
    ),
    Exact(
        "closing-bracket-without-opening",
        {JALAN: prog(("location: RT 03/RW 04", "location: ] RT 03"))},
        JALAN,
        4,
        11,
        "",
        "Tanda ] tidak bisa dibaca di sini.",
        "Teks yang diawali atau memuat , [ ] { } diapit tanda kutip; periksa juga kurung yang tidak berpasangan.",
    ),
    # --- YAML 1.1 words read as text, as VS Code reads them ----------------------------------
    Exact(
        "featured-yes",
        {JALAN: prog(("progress: 60", "progress: 60\nfeatured: yes"))},
        JALAN,
        28,
        11,
        "featured",
        'Kolom ini hanya menerima true atau false; "yes" dibaca sebagai teks (YAML 1.2, seperti di VS Code), '
        "bukan sebagai ya/tidak.",
        "Tulis true.",
    ),
    Exact(
        "account-number-with-leading-zeros-unquoted",
        {"data/bkm.yml": BKM + "donation:\n  bank: Bank BJB\n  account_number: 0012345678\n  account_name: BKM\n"},
        "data/bkm.yml",
        20,
        19,
        "donation › account_number",
        "Nomor 0012345678 harus ditulis di antara tanda kutip, supaya angka 0 di depan tidak hilang.",
        'Tulis dengan tanda kutip, misalnya "0012345678901".',
    ),
    # --- one cause, one message ---------------------------------------------------------------
    Exact(
        "deleted-programme-named-twice",
        {
            LAPORAN: report(
                ("  amount: 30000000", "  amount: 30000000\n  programme: jalan-rt01"),
                ("  amount: 50000000", "  amount: 50000000\n  programme: jalan-rt01"),
            ),
            "data/programmes/jalan-rt02.yml": PROG,
        },
        LAPORAN,
        8,
        14,
        "income › #1 › programme",
        'Program "jalan-rt01" tidak ditemukan di data/programmes/ (baris 8, 14).',
        "Kode yang ada di data/programmes/: jalan-rt02.",
    ),
    Exact(
        "programme-saved-as-yaml",
        {
            LAPORAN: report(("  amount: 30000000", "  amount: 30000000\n  programme: jalan-rt01")),
            "data/programmes/jalan-rt01.yaml": PROG,
        },
        "data/programmes/jalan-rt01.yaml",
        None,
        None,
        "",
        "Berkas berakhiran .yaml tidak dibaca; hanya .yml.",
        "Ganti nama menjadi jalan-rt01.yml.",
    ),
    # --- paths and limits -----------------------------------------------------------------------
    Exact(
        "path-with-content-prefix",
        {JALAN: prog(cover="content/images/jalan/sampul.jpg")},
        JALAN,
        32,
        8,
        "cover",
        'Lokasi berkas "content/images/jalan/sampul.jpg" ditulis dengan awalan content/; lokasi dihitung dari '
        "dalam folder content/.",
        "Hapus awalan content/: tulis images/jalan/sampul.jpg.",
    ),
    Exact(
        "title-too-long",
        {JALAN: prog(title="Perbaikan jalan " * 20)},
        JALAN,
        1,
        8,
        "title",
        "Judul ini 319 karakter; paling banyak 120, supaya judul dan kartunya muat di layar HP.",
        "Pendekkan judulnya dan pindahkan sisanya ke summary (ringkasan) atau description.",
    ),
    Exact(
        "summary-too-long",
        {JALAN: prog(summary="Jalan paving untuk warga. " * 10)},
        JALAN,
        6,
        10,
        "summary",
        "Ringkasan ini 259 karakter; paling banyak 200, karena tampil di kartu program dan pratinjau tautan.",
        "Tulis satu kalimat pendek; uraian panjang ditulis di description.",
    ),
    Exact(
        "two-programmes-one-title",
        {JALAN: PROG, "data/programmes/jalan-lagi.yml": prog(("progress: 60", "progress: 10"))},
        "data/programmes/jalan-lagi.yml",
        1,
        8,
        "title",
        'Judul "Perbaikan Jalan Lingkungan RT 03/RW 04" sudah dipakai program lain, data/programmes/jalan.yml; '
        "di daftar program keduanya tidak bisa dibedakan.",
        "Beri judul yang berbeda, misalnya dengan lokasi atau tahunnya.",
    ),
]


def problems_in(site, language: str):
    with pytest.raises(DataError) as raised:
        load_site(site.path / "data", site.path / "content", site.path, language=language)
    return raised.value


@pytest.mark.parametrize("case", EXACT, ids=[c.id for c in EXACT])
def test_each_mistake_gets_its_exact_message(case, make_site):
    error = problems_in(make(make_site, case), case.language)
    listing = error.report()
    assert len(error.problems) == 1, listing
    p = error.problems[0]
    assert (p.file, p.line, p.column, p.field) == (case.file, case.line, case.column, case.field), listing
    assert p.message == case.message, listing
    assert p.hint == case.hint, listing


def test_position_words_are_line_and_character_never_kolom(make_site):
    site = make(make_site, EXACT[0])
    assert "data/programmes/jalan.yml, baris 1, karakter 23\n  title: " in problems_in(site, "id").report()
    english = problems_in(site, "en").report()
    assert english.startswith("The BKM's data is not right yet (1 to fix). The site was NOT built")
    assert "data/programmes/jalan.yml, line 1, character 23\n  title: " in english
    assert "kolom" not in problems_in(make(make_site, EXACT[-1]), "id").report().split("\n")[2]


def test_comments_stay_allowed_on_their_own_line_and_after_numbers_dates_choices_and_codes(make_site):
    site = make_site(
        programmes={
            "jalan": prog(
                ("progress: 60", "# kemajuan fisik\nprogress: 60  # persen"),
                ("sector: lingkungan", "sector: lingkungan # bidang"),
                ("start: 2025-03-01", "start: 2025-03-01 # mulai"),
                ("  planned: 75000000", "  planned: 75000000 # tahap I"),
                ("  in_kind: true", "  in_kind: true # tenaga warga"),
                ("title: Perbaikan Jalan Lingkungan RT 03/RW 04", 'title: "Material tahap #2" # dikutip'),
            )
        }
    )
    data = load_site(site.path / "data", site.path / "content", site.path)
    assert data.programmes["jalan"].title == "Material tahap #2"
    assert data.programmes["jalan"].progress == 60


def test_yaml_11_words_and_leading_zeros_read_as_yaml_12(make_site):
    """``yes``, ``on`` and ``1:30`` are text in a text field; ``0085`` is the number 85, as in VS Code."""
    site = make_site(
        programmes={"jalan": prog(("location: RT 03/RW 04", "location: on"), ("households: 85", "households: 0085"))}
    )
    data = load_site(site.path / "data", site.path / "content", site.path)
    assert data.programmes["jalan"].location == "on"
    assert data.programmes["jalan"].beneficiaries.households == 85


def test_what_the_schema_accepts_the_loader_reads(make_site):
    """A lower-case quarter and a date without leading zeros: VS Code's schema and the build both take them."""
    site = make_site(
        programmes={"jalan": prog(("start: 2025-03-01", "start: 2025-3-1"))},
        reports={
            "2025-q3": report(
                ("period: 2025", "period: 2025-q3"),
                ("- date: 2025-01-15", "- date: 2025-7-15"),
                ("- date: 2025-02-03", "- date: 2025-8-3"),
            )
        },
    )
    data = load_site(site.path / "data", site.path / "content", site.path)
    assert str(data.programmes["jalan"].start) == "2025-03-01"
    assert str(data.reports["2025-q3"].period) == "2025-Q3"


def test_suggestion_only_when_close_and_existing(make_site):
    """A misspelt code gets a suggestion; a code that differs in its number (another RT) does not."""
    site = make_site(
        programmes={"jalan-rt02": PROG},
        reports={"2025": report(("  amount: 30000000", "  amount: 30000000\n  programme: jalan-rt2"))},
    )
    [problem] = problems_in(site, "id").problems
    assert problem.hint == "Mungkin maksudnya jalan-rt02?"
    site = make_site(
        programmes={"jalan-rt02": PROG},
        reports={"2025": report(("  amount: 30000000", "  amount: 30000000\n  programme: jalan-rt01"))},
    )
    [problem] = problems_in(site, "id").problems
    assert "Mungkin" not in problem.hint


# --- no parser English, no traceback --------------------------------------------------------------


def every_corpus_case():
    from test_validation import CASES

    return [(c.id, c.files, "id") for c in CASES] + [(c.id, c.files, c.language) for c in EXACT]


def test_no_message_quotes_the_parser_in_any_language(make_site):
    """Every bad-input case of the suite, in Indonesian and English: no PyYAML or pydantic English."""
    from conftest import PARSER_ENGLISH

    class Files:
        def __init__(self, files):
            self.files = files

    for case_id, files, _ in every_corpus_case():
        site = make(make_site, Files(files))
        for language in ("id", "en"):
            try:
                load_site(site.path / "data", site.path / "content", site.path, language=language)
            except DataError as error:
                for p in error.problems:
                    assert not PARSER_ENGLISH.search(f"{p.message} {p.hint}"), (case_id, str(p))
                    assert p.hint, (case_id, str(p))


MUTATIONS = ":#'\"-  \t{}[],*&!|>%@`\u00a0\u200b\u201c\ufeff\n"


def test_fuzzed_demo_files_raise_only_data_errors(make_site):
    """Hundreds of random edits of the demo's YAML: a located DataError or a loaded site, never a traceback."""
    import random

    from conftest import PARSER_ENGLISH, REPO

    rng = random.Random(20260412)
    sources = sorted((REPO / "data").rglob("*.yml"))
    site = make_site()
    tried = 0
    for _ in range(400):
        source = rng.choice(sources)
        text = source.read_text(encoding="utf-8")
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            action = rng.random()
            if action < 0.4:
                text = text[:at] + rng.choice(MUTATIONS) + text[at:]
            elif action < 0.7:
                text = text[:at] + text[at + rng.randint(1, 4) :]
            elif action < 0.85:
                lines = text.split("\n")
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                text = "\n".join(lines)
            else:
                text = text[:at]
        rel = source.relative_to(REPO / "data")
        target = site.path / "data" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        try:
            load_site(site.path / "data", site.path / "content", site.path, language=rng.choice(("id", "en")))
        except DataError as error:
            assert error.problems
            for p in error.problems:
                assert not PARSER_ENGLISH.search(f"{p.message} {p.hint}"), (str(rel), text, str(p))
        finally:
            if rel.as_posix() != "bkm.yml":
                target.unlink()
            else:
                target.write_text(BKM, encoding="utf-8")
        tried += 1
    assert tried == 400


# --- the guide -----------------------------------------------------------------------------------


def guide() -> str:
    from conftest import REPO

    return (REPO / "bkm_site/scaffold/content/panduan/index.md").read_text(encoding="utf-8")


def test_the_guide_covers_every_task_an_editor_has():
    text = guide()
    for words in (
        "data/partners.yml",
        "data/achievements.yml",
        "milestones",
        "stories",
        "data/plan.yml",
        "plan_item",
        "data/bkm.yml",
        "Mengganti nama atau menghapus program",
        "Delete file",
        "`drainase-rw02/catatan.md`",
        "HEIC",
        "25 MB",
        "Gaya satu baris `{ }` dan jebakannya",
        "baris 12, karakter 5",
        "Summary (English)",
    ):
        assert words in text, words
    assert "kolom (posisi" not in text


def test_the_guides_yaml_examples_read_without_a_problem():
    """Copying an example never gives a message: no comment after a text, no comma cutting a { } value."""
    import re

    from conftest import REPO

    from bkm_site.core.loading.traps import comment_problems
    from bkm_site.core.loading.yamlfile import parse_yaml
    from bkm_site.core.models import Achievements, Plan, Profile, Programme, Report
    from bkm_site.core.models.extras import Partners

    def model_of(data):
        if isinstance(data, list):
            return Partners
        keys = set(data)
        for model, marks in ((Report, {"period"}), (Profile, {"area"}), (Plan, {"items"}), (Achievements, {"stories"})):
            if keys & marks:
                return model
        return Achievements if "milestones" in keys else Programme

    blocks = []
    for name in ("index.md", "format-data.md"):
        text = (REPO / "bkm_site/scaffold/content/panduan" / name).read_text(encoding="utf-8")
        blocks += re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 12
    for block in blocks:
        doc, problems = parse_yaml(block, "panduan")
        assert doc is not None and not problems, (block, problems)
        assert not doc.splits, block
        assert not comment_problems(model_of(doc.data), doc), block
