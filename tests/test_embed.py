"""Data in editors' Markdown: [[program: slug]], [[kemajuan: slug]], [[angka-kunci]]."""

from __future__ import annotations

from conftest import html, minimal_programme

PAGE = """# Kampanye kami

Lihat program unggulan:

[[program: paving]]

[[kemajuan: paving]]

[[angka-kunci]]

Contoh penulisan, tidak diganti:

```
[[program: paving]]
```
"""


def test_directives_become_card_progress_and_figures(make_site):
    site = make_site(programmes={"paving": minimal_programme()}, content={"kampanye.md": PAGE})
    page = html(site.build_inprocess() / "kampanye")
    body = page.select_one("article")
    card = body.select_one(".bkm-cards > .bkm-card")
    assert card.select_one(".bkm-card__title a")["href"] == "../program/paving/"
    assert len(body.select(".bkm-progress")) == 2  # the card's and the standalone bar
    assert " ".join(body.select_one(".bkm-figure--households .bkm-figure__value").get_text().split()) == "85"
    assert "[[program: paving]]" in body.select_one("pre code").get_text()
    assert "[[" not in body.get_text().replace(body.select_one("pre").get_text(), "")


def test_unknown_slug_is_a_build_error_naming_page_and_line(make_site):
    content = {"kampanye.md": "# Judul\n\nTeks.\n\n[[program: pavng]]\n"}
    run = make_site(programmes={"paving": minimal_programme()}, content=content).build()
    assert run.returncode != 0
    assert "content/kampanye.md, baris 5" in run.output
    assert 'tidak ada program dengan kode "pavng"' in run.output
    assert "[[program: paving]]" in run.output  # did you mean
    assert "Traceback" not in run.output
    assert not (run.site_dir / "index.html").exists()


def test_unknown_directive_and_missing_slug_are_errors(make_site):
    content = {"a.md": "[[progam: paving]]\n\n[[kemajuan]]\n"}
    run = make_site(programmes={"paving": minimal_programme()}, content=content).build()
    assert run.returncode != 0
    assert "content/a.md, baris 1" in run.output and 'Perintah "[[progam: paving]]" tidak dikenal' in run.output
    assert "Maksudnya [[program]]" in run.output
    assert "content/a.md, baris 3" in run.output and "belum menyebut kode program" in run.output


def test_editor_page_for_a_missing_programme_is_an_error(make_site):
    run = make_site(programmes={"paving": minimal_programme()}, content={"program/pavin.md": "Cerita.\n"}).build()
    assert run.returncode != 0
    assert "content/program/pavin.md" in run.output and "Ganti nama berkasnya menjadi paving.md" in run.output


def test_directive_in_data_text_with_unknown_slug_stays_text(make_site):
    programme = minimal_programme(description="Lihat juga:\n\n[[program: tidak-ada]]\n\n[[kemajuan: paving]]\n")
    out = make_site(programmes={"paving": programme}).build_inprocess()
    story = html(out / "program" / "paving").select_one(".bkm-campaign__story")
    assert "[[program: tidak-ada]]" in story.get_text()
    assert story.select_one(".bkm-progress")
