"""Every data message speaks the site's language: the whole bad-input corpus on an English site says
nothing in Indonesian, on an Indonesian site nothing in English, and the problems found are the same
in both (file, line, character, field); a sample of English messages is checked word for word.

Words the editor wrote (the site's own files) may appear in any message; every other word comes
from the catalogue of the site's language.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from conftest import PARSER_ENGLISH, minimal_programme, minimal_report
from test_ledger_rules import BROKEN, EPOCH, YEAR_2025, Books, closing, income, quarter_1_2026, quarter_3
from test_validation import JALAN, LAPORAN, NIK, make, prog, report

from bkm_site.core.editor_schema import editor_schemas
from bkm_site.core.embed import check_content as check_embeds
from bkm_site.core.loading import DataError, Problem, load_site
from bkm_site.core.loading.load import DATA_FILES
from bkm_site.core.pages.programmes import check_programme_page
from bkm_site.core.strings import catalogue

WORD = re.compile(r"[A-Za-z]+")


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if len(w) >= 3}


def own_words(language: str, other: str) -> set[str]:
    """Words of one catalogue that the other never uses: "tidak", "berkas" / "must", "written"."""
    return words(" ".join(catalogue(language).values())) - words(" ".join(catalogue(other).values()))


def data_format_words() -> set[str]:
    """The data format's own words, the same on every site: file names, field names, choices."""
    found: set[str] = set(words(" ".join(DATA_FILES)))

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    found.update(words(" ".join(value)))
                if key in ("enum", "const"):
                    found.update(words(" ".join(map(str, value if isinstance(value, list) else [value]))))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(editor_schemas())
    return found


INDONESIAN, ENGLISH = own_words("id", "en"), own_words("en", "id")
DATA_FORMAT = data_format_words()


def test_the_word_lists_hold_each_languages_everyday_words():
    assert {"tidak", "berkas", "tulis", "baris", "harus", "sudah", "belum", "misalnya"} <= INDONESIAN
    assert {"must", "write", "cannot", "already", "there", "with", "the"} <= ENGLISH


# --- the corpus: every bad-input case of the suite, and the ledger's and the pages' own cases -----------


class Files:
    def __init__(self, files):
        self.files = files


def ledger_cases() -> dict:
    """Each ledger rule broken once (the books of test_ledger_rules; today pinned there)."""

    def received(b):
        b.programmes["jalan"]["funding"][0]["received"] = 45_000_000

    def split(b):
        b.programmes["jalan"]["funding"] = [
            {"source": "BLM", "planned": 20_000_000},
            {"source": "BLM", "planned": 20_000_000},
            *b.programmes["jalan"]["funding"][1:],
        ]

    def donation(b):
        b.reports["2025"]["income"].append(income(date(2025, 4, 2), 800_000, "donasi", programme="jalan"))
        b.reports["2025"]["closing_balance"] = closing(b.reports["2025"])

    def nested_line(b):
        inner = quarter_3()
        inner["income"][0]["amount"] = 6_500_000
        inner["expenses"][0]["category"] = "material"
        inner["closing_balance"] = closing(inner)
        b.reports["2025-q3"] = inner

    def future(b):
        b.reports["2025"]["audit"] = {"auditor": "KAP Contoh", "date": date(2026, 3, 16), "opinion": "Wajar"}
        b.reports["2025"]["approved"] = {"event": "Rembug Warga", "date": date(2026, 4, 1)}
        b.reports["2026-q2"] = minimal_report(period="2026-Q2", opening_balance=0, income=[], expenses=[])
        b.achievements = {"milestones": [{"date": date(2027, 1, 1), "title": "BKM terbaik", "description": "Juara."}]}

    def overspent(b):
        for line in b.programmes["jalan"]["funding"]:
            line.pop("received", None) if not line.get("in_kind") else None
        b.programmes["jalan"]["spent"] = 90_000_000
        b.programmes["jalan"].update(status="ongoing", progress=60)
        del b.programmes["jalan"]["end"]

    cases = {f"ledger-{name}": mutate for name, mutate in BROKEN.items()}
    cases |= {
        "ledger-received": received,
        "ledger-split-funding": split,
        "ledger-no-cash-line": donation,
        "ledger-nested-line": nested_line,
        "ledger-future-dates": future,
        "ledger-spent-above-computed": overspent,
        "ledger-chain-2026": lambda b: b.reports.update({"2026-q1": quarter_1_2026(opening_balance=1)}),
    }
    return cases


PAGES = {
    "page-unknown-command": {"content/index.md": "# Beranda\n\n[[progam: jalan]]\n"},
    "page-figures-with-code": {"content/index.md": "# Beranda\n\n[[angka-kunci: jalan]]\n"},
    "page-card-without-code": {"content/index.md": "# Beranda\n\n[[program]]\n"},
    "page-card-unknown-code": {"content/index.md": "# Beranda\n\n[[kemajuan: jalan-rt09]]\n"},
    "page-for-a-missing-programme": {"content/program/jalan-rt09.md": "Tambahan teks.\n"},
    "page-with-nik": {"content/tentang.md": f"# Tentang\n\nWarga {NIK} dibantu.\n"},
}


def corpus() -> list[tuple[str, object]]:
    from test_editor_mistakes import EXACT
    from test_validation import CASES

    cases: list[tuple[str, object]] = [(c.id, Files(c.files)) for c in CASES]
    cases += [(c.id, Files(c.files)) for c in EXACT if c.language == "id"]
    cases += [(name, Files(files)) for name, files in PAGES.items()]
    cases += list(ledger_cases().items())
    return cases


def site_of(make_site, case):
    if callable(case):
        books = Books()
        case(books)
        return books.write(make_site)
    if "data/programmes/jalan.yml" not in case.files and any(k.startswith("content/") for k in case.files):
        case = Files({JALAN: prog(), **case.files})
    return make(make_site, case)


def problems_in(site, language: str) -> list[Problem]:
    with pytest.raises(DataError) as raised:
        load_site(
            site.path / "data",
            site.path / "content",
            site.path,
            content_checks=(check_embeds, check_programme_page),
            language=language,
        )
    assert raised.value.language == language
    return raised.value.problems


def written_by_the_editor(site) -> set[str]:
    """Words any message may quote: what the site's files say, their names, and the data format's words."""
    text = []
    for path in sorted(Path(site.path).rglob("*")):
        if path.is_file():
            text.append(path.relative_to(site.path).as_posix())
            text.append(path.read_bytes().decode("utf-8", errors="replace"))
    return words(" ".join(text)) | DATA_FORMAT


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_every_bad_input_speaks_only_the_sites_language(make_site):
    """The whole corpus on an English and on an Indonesian site: the same problems, each in its language."""
    seen = 0
    for case_id, case in corpus():
        site = site_of(make_site, case)
        allowed = written_by_the_editor(site)
        english, indonesian = problems_in(site, "en"), problems_in(site, "id")
        assert [(p.file, p.line, p.column, p.field) for p in english] == [
            (p.file, p.line, p.column, p.field) for p in indonesian
        ], case_id
        for p in english:
            leaked = (words(str(p)) & INDONESIAN) - allowed
            assert not leaked, (case_id, sorted(leaked), str(p))
            assert p.hint, (case_id, str(p))
        for p in indonesian:
            leaked = (words(str(p)) & ENGLISH) - allowed
            assert not leaked, (case_id, sorted(leaked), str(p))
            assert not PARSER_ENGLISH.search(str(p)), (case_id, str(p))
        seen += 1
    assert seen == len(corpus()) >= 125


# --- a sample, word for word ------------------------------------------------------------------------


ENGLISH_SAMPLE = [
    (
        "money-as-text",
        {JALAN: prog(("  planned: 75000000", '  planned: "Rp 75.000.000,-"'))},
        "funding › #1 › planned",
        'The amount is written as text ("Rp 75.000.000,-"); write a number of Rupiah without "Rp", dots or commas.',
        "Write just 75000000.",
    ),
    (
        "money-thousands-dot",
        {JALAN: prog(("  planned: 75000000", "  planned: 45.000"))},
        "funding › #1 › planned",
        "The amount 45.000 is read as a decimal number; a dot between the thousands is not used here.",
        "Write 45000 (without dots).",
    ),
    (
        "date-not-on-the-calendar",
        {JALAN: prog(("start: 2025-03-01", "start: 2025-02-30"))},
        "start",
        'The date "2025-02-30" is not on the calendar: month 2 of 2025 has only 28 days.',
        "Check the date, for example 2025-02-28.",
    ),
    (
        "date-day-first",
        {JALAN: prog(("start: 2025-03-01", "start: 01/03/2025"))},
        "start",
        'A date is written YEAR-MONTH-DAY, not "01/03/2025".',
        "Write the year first: 2025-03-01.",
    ),
    (
        "count-as-text",
        {JALAN: prog(("households: 85", "households: 85 KK"))},
        "beneficiaries › households",
        'Must be a whole number (a count), not the text "85 KK".',
        "Write just the number, for example 85.",
    ),
    (
        "missing-photo",
        {JALAN: prog(cover="images/jalan/sampul.jpg")},
        "cover",
        'There is no file "images/jalan/sampul.jpg" in the pages folder (content/).',
        "Upload the file to content/images/jalan/sampul.jpg, or correct its name or location "
        "(capital and small letters count).",
    ),
    (
        "completed-with-progress",
        {JALAN: prog(status="completed", end=date(2025, 6, 30))},
        "progress",
        "The programme's status is completed, but its progress is 60.",
        "Write progress: 100, or change status to ongoing.",
    ),
    (
        "nik-in-description",
        {JALAN: prog(("summary: Jalan paving", f"summary: Jalan paving untuk {NIK}"))},
        "summary",
        "There is a 16-digit number like a NIK or KK number (3273…01). Residents' identity numbers must not be "
        "published: anyone can read this site.",
        "Delete the number. Call residents by their first name only; keep personal data in the BKM's own files, "
        "not on the site.",
    ),
    (
        "closing-balance",
        {LAPORAN: report(closing_balance=1)},
        "closing_balance",
        "The closing balance is written as Rp 1, but opening balance + income − expenses = "
        "Rp 12,000,000 + Rp 50,000,000 − Rp 30,000,000 = Rp 32,000,000.",
        "Look for a transaction not recorded yet or a typing mistake; if the sum is right, write "
        "closing_balance: 32000000.",
    ),
    (
        "missing-partner",
        {JALAN: prog(partners=["pt-tidak-ada"])},
        "partners › #1",
        'There is no partner "pt-tidak-ada" in data/partners.yml.',
        "data/partners.yml holds no code yet; add the data there, or delete this reference.",
    ),
    (
        "unknown-command-in-a-page",
        {JALAN: prog(), "content/index.md": "# Home\n\n[[progam: jalan]]\n"},
        "",
        'The command "[[progam: jalan]]" is not known.',
        "Did you mean [[program]]? The commands are [[programme: programme-code]], [[progress: programme-code]] "
        "and [[key-figures]].",
    ),
    (
        "file-in-a-wrong-folder",
        {"data/kegiatan/jalan.yml": prog()},
        "",
        "Files in the folder kegiatan/ are not read.",
        "Move it to data/programmes/, directly, not into a subfolder.",
    ),
]


@pytest.mark.parametrize(
    ("case_id", "files", "field", "message", "hint"), ENGLISH_SAMPLE, ids=[c[0] for c in ENGLISH_SAMPLE]
)
def test_english_messages_word_for_word(make_site, case_id, files, field, message, hint):
    found = problems_in(site_of(make_site, Files(files)), "en")
    listing = "\n\n".join(map(str, found))
    matching = [p for p in found if p.field == field and p.message == message]
    assert len(matching) == 1, listing
    assert matching[0].hint == hint, listing


def test_english_ledger_messages_word_for_word(make_site):
    books = Books()
    books.reports["2026-q1"] = quarter_1_2026(opening_balance=closing(YEAR_2025) + 250_000)
    books.programmes["jalan"]["funding"][0]["received"] = 45_000_000
    books.programmes["jalan"]["updates"][0]["date"] = date(2026, 3, 16)
    found = {p.field: p for p in problems_in(books.write(make_site), "en")}
    chain = found["opening_balance"]
    assert chain.message == (
        f"The opening balance Rp {closing(YEAR_2025) + 250_000:,} does not carry on from the closing balance of the "
        f"report before, data/reports/2025.yml for 2025 (Year 2025): Rp {closing(YEAR_2025):,}."
    )
    assert chain.hint == (
        f"Reports that follow each other must join up: write opening_balance: {closing(YEAR_2025)}, or check the "
        "transactions in data/reports/2025.yml."
    )
    received = found["funding › #1 › received"]
    assert received.message.startswith(
        "The BLM money received (received) is Rp 45,000,000, but the BLM income in the reports tagged "
        "programme: jalan adds up to Rp 40,000,000 (data/reports/2025.yml line "
    )
    future = found["updates › #1 › date"]
    assert future.message == "The date of the update 2026-03-16 has not come yet: today is March 15, 2026."
    assert future.hint == (
        "The site records only what has happened: check the year and the month, or add this once its date has come."
    )


# --- the command line and the serve page speak the site's language too -------------------------------


def run_check(site, capsys) -> tuple[int, str]:
    from bkm_site.cli import main

    capsys.readouterr()
    status = main(["check", str(site.path)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.mark.parametrize(
    ("mkdocs", "expected"),
    [
        (
            {"theme": {"name": "material", "language": "en"}, "plugins": []},
            "The bkm plugin is not in mkdocs.yml yet, so the data is not read.\n→ Write in mkdocs.yml:",
        ),
        (
            {"theme": {"name": "mkdocs", "language": "en"}},
            "The bkm plugin needs the mkdocs-material theme, not 'mkdocs'. Write in mkdocs.yml:\n\ntheme:\n"
            "  name: material\n  language: en",
        ),
    ],
    ids=["no-plugin", "other-theme"],
)
def test_the_command_line_speaks_english_on_an_english_site(make_site, capsys, mkdocs, expected):
    status, output = run_check(make_site(mkdocs=mkdocs), capsys)
    assert status == 1 and expected in output, output
    assert not (words(output) & INDONESIAN) - DATA_FORMAT, output


def test_check_of_a_broken_english_mkdocs_yml_speaks_english(make_site, capsys):
    site = make_site(mkdocs={"theme": {"name": "material", "language": "en"}, "docs_dir": "halaman"})
    status, output = run_check(site, capsys)
    assert status == 1, output
    assert output.startswith("mkdocs.yml is not right yet: "), output
    assert "→ Fix mkdocs.yml as MkDocs' message says; the folders it names (docs_dir, content/ for example)" in output
    assert "Traceback" not in output


def test_an_unknown_site_language_is_said_in_both(make_site, capsys):
    status, output = run_check(make_site(mkdocs={"theme": {"name": "material", "language": "fr"}}), capsys)
    assert status == 1
    assert "bkm-site tersedia dalam bahasa Indonesia (id) dan Inggris (en), bukan 'fr'." in output
    assert "bkm-site speaks Indonesian (id) and English (en), not 'fr'. Write theme.language: id or en" in output


def test_generate_speaks_the_sites_language(make_site, capsys, tmp_path):
    from bkm_site.cli import main

    english = make_site(
        programmes={"paving": minimal_programme()}, mkdocs={"theme": {"name": "material", "language": "en"}}
    )
    capsys.readouterr()
    assert main(["generate", str(tmp_path / "out"), "--site", str(english.path)]) == 0
    said = capsys.readouterr().out
    assert re.fullmatch(rf"\d+ pages and \d+ open-data files written to {re.escape(str(tmp_path / 'out'))}\.\n", said)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["generate", str(tmp_path / "other"), "--site", str(english.path)]) == 1
    assert "already holds other files, so nothing was written to it" in capsys.readouterr().err
    programme = english.path / "data" / "programmes" / "paving.yml"
    text = programme.read_text(encoding="utf-8")
    assert "status: ongoing" in text
    programme.write_text(text.replace("status: ongoing", "status: done"), encoding="utf-8")
    assert main(["generate", str(tmp_path / "out2"), "--site", str(english.path)]) == 1
    err = capsys.readouterr().err
    assert "data/programmes/paving.yml" in err and not (words(err) & INDONESIAN) - DATA_FORMAT, err
    assert not (tmp_path / "out2").exists()


def test_generate_of_a_broken_or_unknown_language_mkdocs_yml(tmp_path, capsys):
    from bkm_site.cli import main

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: BKM\ntheme:\n  name: material\n  language: en\nnav: [tentang.md\n", "utf-8")
    assert main(["generate", str(tmp_path / "out"), "--site", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mkdocs.yml, line 5, character 6\n  The bracket [ opened here is not closed with ]."), err
    config.write_text("site_name: BKM\ntheme:\n  name: material\n  language: fr\n", "utf-8")
    assert main(["generate", str(tmp_path / "out"), "--site", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "bukan 'fr'" in err and "not 'fr'" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_serve_page_speaks_the_sites_language(make_site, language):
    from bkm_site.serve import error_page

    site = make(make_site, Files({JALAN: prog(("progress: 60", "progress: 120"))}))
    page = error_page(DataError(problems_in(site, language), language))
    assert f'<html lang="{language}">' in page
    heading = {"id": "<h1>Data BKM belum benar</h1>", "en": "<h1>The BKM&#x27;s data is not right yet</h1>"}
    assert heading[language] in page
    other = INDONESIAN if language == "en" else ENGLISH
    text = re.sub(r"<script>.*?</script>|<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert not (words(text) & other) - written_by_the_editor(site), text


ARGPARSE_OWN = ("positional arguments", "show this help message", "error:", "the following", "invalid choice")
"""What argparse itself prints, in English on any site: none of it reaches an editor."""


def cli(args: list[str], capsys) -> tuple[int, str]:
    from bkm_site.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        main(args)
    captured = capsys.readouterr()
    return stopped.value.code, captured.out + captured.err


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_command_lines_help_and_usage_mistakes_speak_the_language_of_the_site_here(
    make_site, capsys, monkeypatch, tmp_path, language
):
    """In a site's folder, its language; in a folder without mkdocs.yml (a new site to be made), Indonesian."""
    folder = make_site(mkdocs={"theme": {"name": "material", "language": "en"}}).path if language == "en" else tmp_path
    monkeypatch.chdir(folder)
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps the help to the terminal's width
    monkeypatch.setenv("NO_COLOR", "1")  # and from Python 3.14 may colour it
    said = {"help": cli(["--help"], capsys), "check help": cli(["check", "--help"], capsys)}
    assert said["help"][0] == 0 and said["check help"][0] == 0
    for name in ("check", "new", "schema", "generate"):
        assert re.search(
            rf"^    {name} +{re.escape(catalogue(language)(f'cli.help.{name}')[:30])}", said["help"][1], re.M
        )
    assert "bkm-site check [-h] [FOLDER]" in said["check help"][1]
    mistakes = {
        "no command": ([], "bkm-site", "cli.usage.no_command", {"choices": "check, new, schema, generate"}),
        "no folder": (["new"], "bkm-site new", "cli.usage.required", {"names": "FOLDER"}),
        "one too many": (["check", "a", "b"], "bkm-site check", "cli.usage.unrecognized", {"arguments": "b"}),
        "no value": (
            ["generate", "out", "--site"],
            "bkm-site generate",
            "cli.usage.expected_one",
            {"option": "--site"},
        ),
    }
    for name, (args, command, key, values) in mistakes.items():
        status, output = cli(args, capsys)
        assert status == 2, name
        assert f"{command}: {catalogue(language)(key, **values)}\n" in output, output
        assert output.endswith(f"→ {catalogue(language)('cli.usage.hint', prog=command)}\n"), output
        said[name] = (status, output)
    status, output = cli(["frob"], capsys)
    assert status == 2 and re.search(r": \S+ .*frob.*check.*generate", output), output
    said["unknown command"] = (status, output)
    other = INDONESIAN if language == "en" else ENGLISH
    for name, (_, output) in said.items():
        leftovers = ARGPARSE_OWN + (("usage:", "options:") if language == "id" else ())
        assert not [w for w in leftovers if w in output.lower()], (name, output)
        assert not (words(output) & other) - {"bkm", "site", "check", "new", "schema", "generate", "folder"}, output


def test_python_3_15s_suggestion_is_said_in_the_sites_language(capsys):
    """From Python 3.15 argparse suggests the closest command; the suggestion is kept, in the site's words."""
    from bkm_site.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser(catalogue("id")).error(
            "argument command: invalid choice: 'chek', maybe you meant 'check'? "
            "(choose from check, new, schema, generate)"
        )
    said = capsys.readouterr().err
    assert (
        "bkm-site: Tidak ada perintah 'chek'. Perintah yang ada: check, new, schema, generate. Maksudnya 'check'?\n"
        in said
    )
    with pytest.raises(SystemExit):
        build_parser(catalogue("id")).parse_args(["it's"])  # a word with a quote is shown in double quotes
    said = capsys.readouterr().err
    assert """bkm-site: Tidak ada perintah "it's". Perintah yang ada: check, new, schema, generate.\n""" in said


def test_a_mkdocs_yml_python_cannot_read_gets_help_and_a_message_not_a_traceback(tmp_path, capsys, monkeypatch):
    """A date that is no date (month 13) stops PyYAML with a ValueError, and MkDocs with a traceback; ``!ENV``
    given a mapping is a YAML mistake; ``!ENV [1, x]`` is what MkDocs reads as the default x."""
    monkeypatch.setenv("NO_COLOR", "1")
    for value in ("2024-13-01", "!ENV {a: 1}", "!ENV [1, x]"):
        (tmp_path / "mkdocs.yml").write_text(
            f"site_name: BKM\nupdated: {value}\ntheme:\n  name: material\n  language: en\nplugins:\n  - bkm\n",
            encoding="utf-8",
        )
        monkeypatch.chdir(tmp_path)
        status, output = cli(["--help"], capsys)
        output = " ".join(output.split())
        assert status == 0 and "usage: bkm-site" in output and catalogue("en")("cli.help.check") in output, output
        from bkm_site.cli import main

        for args in (["check"], ["generate", str(tmp_path / "out")]):
            capsys.readouterr()
            assert main(args) == 1, (value, args)
            said = capsys.readouterr().err
            assert "Traceback" not in said and not (words(said) & INDONESIAN) - DATA_FORMAT, said
            if value == "2024-13-01":
                assert said.startswith("mkdocs.yml, line 2: the value cannot be read (month must be in 1..12).")
                assert catalogue("en")("cli.bad_value.hint") in said
            elif value == "!ENV {a: 1}":
                assert said.startswith("mkdocs.yml"), said
            else:
                assert "cannot be read" not in said and "line 2" not in said, "read as MkDocs reads it"
        assert not (tmp_path / "out").exists()
