"""The /admin/ editor: a Sveltia CMS configuration generated from the models, what it writes read back
by the loader, the vendored build and its fonts, and the page kept apart from the public site."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import types
import typing
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, Site, html, screenshot, search_index
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from bkm_site.core.admin import (
    GITHUB_HOSTS,
    VENDOR,
    admin_config,
    admin_config_yaml,
    github_repo,
    split_description,
)
from bkm_site.core.loading import load_site
from bkm_site.core.models.common import Period
from bkm_site.core.schema import DATA_FILES
from bkm_site.core.strings import catalogue

REPO_NAME = "bkm-contoh/situs-bkm"
SCAFFOLD = REPO / "bkm_site" / "scaffold"


def config_for(language: str = "id") -> dict:
    """The configuration as Sveltia reads it: the YAML text the build writes, parsed."""
    return yaml.safe_load(admin_config_yaml(admin_config(catalogue(language), language, REPO_NAME, "content")))


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def fields_of(config: dict, schema_name: str) -> list[dict]:
    """The top-level fields Sveltia shows for one data file."""
    if schema_name == "programme":
        return collection(config, "programmes")["fields"]
    if schema_name == "report":
        return collection(config, "reports")["fields"]
    (file,) = collection(config, schema_name)["files"]
    if schema_name == "partners":
        (root,) = file["fields"]
        assert root["widget"] == "list" and root["root"] is True, "partners.yml is a list at the top of the file"
        return root["fields"]
    return file["fields"]


# --- an independent reading of the models: Python types, not the JSON Schema the generator walks ---


def unwrap(annotation) -> tuple[object, list, bool]:
    """(bare type, validators and constraints attached to it, whether None is allowed)."""
    metadata: list = []
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            (annotation,) = args
        else:
            return annotation, metadata, optional


def validator_names(metadata: list) -> set[str]:
    return {getattr(getattr(m, "func", None), "__name__", "") for m in metadata}


def expected_widget(name: str, field: FieldInfo) -> tuple[str, object, bool]:
    """What Sveltia must show for a model field: (widget, nested model or value list, optional)."""
    annotation, metadata, optional = unwrap(field.annotation)
    metadata += field.metadata
    validators = validator_names(metadata)
    origin = typing.get_origin(annotation)
    if name in ("partner", "partners", "plan_item", "programme"):
        return "relation", None, optional
    if origin is typing.Literal:
        return "select", list(typing.get_args(annotation)), optional
    if origin is list:
        (item,) = typing.get_args(annotation)
        item, _, _ = unwrap(item)
        return "list", item if isinstance(item, type) and issubclass(item, BaseModel) else None, optional
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "object", annotation, optional
    if annotation is bool:
        return "boolean", None, optional
    if annotation in (int, float):
        return "number", "int" if annotation is int else "float", optional
    if annotation is date:
        return "datetime", None, optional
    if "_check_asset" in validators:
        return ("file" if name == "document" else "image"), None, optional
    if annotation is Period:
        return "string", "period", optional
    if field.description and "(Markdown)" in field.description:
        return "markdown", None, optional
    assert annotation is str, f"{name}: a field type this test does not know yet ({annotation})"
    return "string", None, optional


def assert_fields_match(model: type[BaseModel], fields: list[dict], where: str, language: str) -> int:
    """Every field of ``model`` is in ``fields`` with the right widget, label and required flag; returns the count."""
    by_name = {f["name"]: f for f in fields}
    wanted = {name: info for name, info in model.model_fields.items() if not info.exclude}
    assert set(by_name) == set(wanted), f"{where}: the form's fields differ from {model.__name__}'s"
    checked = 0
    for name, info in wanted.items():
        field, path = by_name[name], f"{where}.{name}"
        widget, detail, optional = expected_widget(name, info)
        assert field["widget"] == widget, f"{path}: widget {field['widget']}, expected {widget}"
        required = info.is_required() and not optional
        assert field.get("required", True) is required, f"{path}: required should be {required}"
        if info.description and "admin.field." + name not in catalogue(language):
            assert split_description(info.description, language).startswith(field["label"]), path
        if info.default is not None and not callable(info.default_factory) and isinstance(info.default, (bool, int)):
            assert field["default"] == info.default, f"{path}: default"
        checked += 1
        if widget == "select":
            assert [o["value"] for o in field["options"]] == detail, path
            assert all(o["label"] for o in field["options"]), path
        elif widget == "number":
            assert field["value_type"] == detail, path
            if detail == "int":
                assert field["step"] == 1, path
            if "_money" in validator_names(unwrap(info.annotation)[1] + info.metadata):
                assert (field["min"], field["value_type"], field["step"]) == (0, "int", 1), f"{path}: Rupiah"
        elif widget == "datetime":
            assert (field["type"], field["format"], field["time_format"]) == ("date", "YYYY-MM-DD", False), path
        elif widget in ("image", "file"):
            assert field["media_folder"].startswith("/content/images/"), path
            assert field["public_folder"].startswith("./images/"), f"{path}: stored relative to the docs directory"
        elif widget == "relation":
            assert field["collection"] in ("partners", "plan", "programmes"), path
            assert field.get("multiple", False) is (typing.get_origin(unwrap(info.annotation)[0]) is list), path
        elif widget == "object" or (widget == "list" and detail is not None):
            checked += assert_fields_match(detail, field["fields"], path, language)
        elif widget == "list":
            assert field["field"]["widget"] == "string", path
        elif widget == "string" and (limits := [m.max_length for m in info.metadata if hasattr(m, "max_length")]):
            assert field["maxlength"] == limits[0], f"{path}: at most {limits[0]} characters"
        elif detail == "period":
            assert re.fullmatch(field["pattern"][0], "2025-Q3") and re.fullmatch(field["pattern"][0], "2025"), path
    return checked


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_field_of_every_model_has_its_widget(language):
    config = config_for(language)
    checked = 0
    for name, (_path, model) in DATA_FILES.items():
        if name == "partners":
            model = typing.get_args(model.model_fields["root"].annotation)[0]
        checked += assert_fields_match(model, fields_of(config, name), name, language)
    assert checked > 100


def test_labels_and_hints_are_in_the_sites_language():
    programme_id = {f["name"]: f for f in fields_of(config_for("id"), "programme")}
    programme_en = {f["name"]: f for f in fields_of(config_for("en"), "programme")}
    assert programme_id["title"]["label"] == "Judul program"
    assert programme_en["title"]["label"] == "Programme title"
    assert programme_id["end"]["hint"] == "Wajib bila completed."
    assert programme_en["end"]["hint"] == "Required when completed."
    status = programme_id["status"]
    assert status["label"] == "Status program"
    assert [o["label"] for o in status["options"]] == ["Rencana", "Berjalan", "Selesai"]
    assert collection(config_for("id"), "programmes")["label"] == "Program"
    assert collection(config_for("en"), "reports")["label"] == "Financial reports"


def test_collections_slugs_photos_and_relations():
    config = config_for()
    assert config["backend"] == {"name": "github", "repo": REPO_NAME, "branch": "main", "auth_methods": ["token"]}
    programmes, reports = collection(config, "programmes"), collection(config, "reports")
    assert (programmes["folder"], programmes["slug"], programmes["extension"]) == (
        "data/programmes",
        "{{title}}",
        "yml",
    )
    assert (reports["folder"], reports["slug"], reports["format"]) == ("data/reports", "{{period}}", "yaml")
    assert config["slug"]["encoding"] == "ascii", "file names must be slugs: a-z, 0-9 and -"
    files = {c["name"]: c["files"][0]["file"] for c in config["collections"] if "files" in c}
    assert files == {
        "bkm": "data/bkm.yml",
        "partners": "data/partners.yml",
        "plan": "data/plan.yml",
        "achievements": "data/achievements.yml",
    }
    cover = next(f for f in programmes["fields"] if f["name"] == "cover")
    assert (cover["media_folder"], cover["public_folder"]) == ("/content/images/{{slug}}", "./images/{{slug}}")
    funding = next(f for f in programmes["fields"] if f["name"] == "funding")
    partner = next(f for f in funding["fields"] if f["name"] == "partner")
    assert (partner["collection"], partner["file"], partner["value_field"]) == (
        "partners",
        "partners",
        "partners.*.slug",
    )
    plan_item = next(f for f in programmes["fields"] if f["name"] == "plan_item")
    assert plan_item["value_field"] == "items.*.id"
    income = next(f for f in reports["fields"] if f["name"] == "income")
    programme = next(f for f in income["fields"] if f["name"] == "programme")
    assert (programme["collection"], programme["value_field"]) == ("programmes", "{{slug}}")
    assert config["output"] == {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}}


def test_the_configuration_is_valid_for_sveltia_and_names_the_demos_files():
    """Sveltia's own JSON Schema of config.yml (shipped in its npm package) accepts it, and every
    collection's folder or file exists in the demo."""
    schema = json.loads((VENDOR / "sveltia-cms.schema.json").read_text(encoding="utf-8"))
    config = config_for()
    errors = [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(config)]
    assert errors == []
    names = {c["name"] for c in config["collections"]}
    for c in config["collections"]:
        if "folder" in c:
            assert (REPO / c["folder"]).is_dir() and any((REPO / c["folder"]).glob("*.yml")), c["folder"]
        for file in c.get("files", []):
            assert (REPO / file["file"]).is_file(), file["file"]

    def relations(fields):
        for f in fields:
            if f["widget"] == "relation":
                yield f
            yield from relations(f.get("fields", []))

    for c in config["collections"]:
        for f in relations(c.get("fields", []) + [x for file in c.get("files", []) for x in file["fields"]]):
            assert f["collection"] in names


@pytest.mark.parametrize(
    ("repo_url", "environ", "expected"),
    [
        ("https://github.com/bkm-maju/situs", {}, "bkm-maju/situs"),
        ("https://github.com/bkm-maju/situs.git", {"GITHUB_REPOSITORY": "x/y"}, "bkm-maju/situs"),
        ("https://github.com/bkm-maju/situs/", {}, "bkm-maju/situs"),
        (None, {"GITHUB_REPOSITORY": "bkm-maju/situs"}, "bkm-maju/situs"),
        ("https://gitlab.com/bkm-maju/situs", {}, None),
        (None, {}, None),
    ],
)
def test_the_repository_comes_from_repo_url_or_the_actions_build(repo_url, environ, expected):
    assert github_repo(repo_url, environ) == expected


# --- what the CMS writes, the loader reads --------------------------------------------------------


class SveltiaStyle(yaml.SafeDumper):
    """YAML as Sveltia writes it with ``quote: double``: block style, every string double-quoted,
    dates as quoted strings, numbers and booleans bare."""


SveltiaStyle.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"'))
SveltiaStyle.add_representer(date, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v.isoformat(), style='"'))


def as_sveltia_writes(value, fields: list[dict] | None):
    """The value in the form's field order, empty optional values left out, as the CMS saves it."""
    if isinstance(value, dict):
        by_name = {f["name"]: f for f in fields or []}
        order = [f["name"] for f in fields or []] + [k for k in value if k not in by_name]
        out = {}
        for key in order:
            if key not in value or value[key] in (None, "", [], {}):
                continue
            sub = by_name.get(key, {})
            out[key] = as_sveltia_writes(value[key], sub.get("fields"))
        return out
    if isinstance(value, list):
        return [as_sveltia_writes(item, fields) for item in value]
    return value


def test_what_sveltia_writes_the_loader_reads_with_the_same_values(tmp_path):
    config = config_for()
    copy = tmp_path / "demo"
    shutil.copytree(REPO / "data", copy / "data")
    shutil.copytree(REPO / "content", copy / "content")
    rewritten = 0
    for c in config["collections"]:
        if "folder" in c:
            targets = [(p, c["fields"]) for p in sorted((copy / c["folder"]).glob("*.yml"))]
        else:
            file = c["files"][0]
            fields = file["fields"][0]["fields"] if c["name"] == "partners" else file["fields"]
            targets = [(copy / file["file"], fields)]
        for path, fields in targets:
            original = yaml.safe_load(path.read_text(encoding="utf-8"))
            written = yaml.dump(as_sveltia_writes(original, fields), Dumper=SveltiaStyle, sort_keys=False)
            assert '"' in written and not re.search(r"^\w+: \d{4}-\d\d-\d\d$", written, re.M)
            path.write_text(written, encoding="utf-8")
            rewritten += 1
    assert rewritten == len(list((REPO / "data").rglob("*.yml")))
    before = load_site(REPO / "data", REPO / "content", REPO)
    after = load_site(copy / "data", copy / "content", copy)
    assert after.profile.model_dump() == before.profile.model_dump()
    for kind in ("programmes", "reports", "partners"):
        assert {k: v.model_dump() for k, v in getattr(after, kind).items()} == {
            k: v.model_dump() for k, v in getattr(before, kind).items()
        }, kind
    assert after.plan.model_dump() == before.plan.model_dump()
    assert after.achievements.model_dump() == before.achievements.model_dump()


# --- the vendored build ---------------------------------------------------------------------------


def test_the_vendored_files_match_their_recorded_checksums():
    sums = dict(
        reversed(line.split("  ", 1)) for line in (VENDOR / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    )
    vendored = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(sums) == vendored
    for name, digest in sums.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    version = (VENDOR / "VERSION").read_text(encoding="utf-8").strip()
    assert f"@sveltia/cms@{version} sha512-" in (VENDOR / "SOURCE").read_text(encoding="utf-8")
    bundle = (VENDOR / "sveltia-cms.js").read_text(encoding="utf-8")
    assert f"name:`@sveltia/cms`,version:`{version}`" in bundle
    assert "MIT License" in (VENDOR / "LICENSE.txt").read_text(encoding="utf-8")


def test_every_font_the_bundle_names_is_vendored():
    bundle = (VENDOR / "sveltia-cms.js").read_text(encoding="utf-8")
    named = set(re.findall(r"https://cdn\.jsdelivr\.net/fontsource/fonts/[^)\s`'\"]+\.woff2", bundle))
    fonts = json.loads((VENDOR / "fonts.json").read_text(encoding="utf-8"))
    assert named and set(fonts) == named
    for local in fonts.values():
        assert (VENDOR / local).read_bytes()[:4] == b"wOF2", local


# --- the built site -------------------------------------------------------------------------------


@pytest.fixture
def admin_site(make_site, monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    site = make_site(mkdocs={"repo_url": f"https://github.com/{REPO_NAME}", "site_url": "https://example.org/bkm/"})
    return Site(site.path).build_inprocess()


def test_admin_is_built_with_its_generated_configuration(admin_site):
    admin = admin_site / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config == {**config_for(), "site_url": "https://example.org/bkm"}
    page = html(admin)
    assert page.html["lang"] == "id"
    assert page.title.get_text() == "Ruang Sekretariat"
    assert page.body["data-pagefind-ignore"] == "all"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    scripts = [s.get("src") for s in page.find_all("script")]
    assert scripts == [None, "sveltia-cms.js"]
    assert (admin / "sveltia-cms.js").read_bytes() == (VENDOR / "sveltia-cms.js").read_bytes()
    for local in json.loads((VENDOR / "fonts.json").read_text(encoding="utf-8")).values():
        assert (admin / local).is_file()
    assert not any(re.search(r"https?://(?!(127\.0\.0\.1|localhost))", s.get("src") or "") for s in page.find_all())


def test_admin_is_kept_apart_from_the_public_site(admin_site):
    paths = sitemap_paths(admin_site)
    assert "program/" in paths and not [p for p in paths if p.startswith("admin")]
    indexed = search_index(admin_site)
    assert "/program/" in indexed and not [url for url in indexed if url.startswith("/admin")]
    for page in admin_site.rglob("*.html"):
        if page.parent.name == "admin":
            continue
        soup = html(page)
        for tag in soup.find_all(["a", "link", "script", "img", "iframe", "form"]):
            for attr in ("href", "src", "action"):
                assert "admin/" not in (tag.get(attr) or ""), f"{page}: {tag}"


def test_admin_can_be_turned_off(make_site, monkeypatch):
    monkeypatch.setenv("GITHUB_REPOSITORY", REPO_NAME)
    site = make_site(mkdocs={"plugins": ["search", {"bkm": {"admin": False}}]})
    assert not (Site(site.path).build_inprocess() / "admin").exists()


def test_without_a_github_repository_the_page_says_what_to_set(make_site, monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    site_dir = Site(make_site().path).build_inprocess()
    page = html(site_dir / "admin")
    assert not (site_dir / "admin" / "config.yml").exists()
    assert not page.find("script")
    assert "repo_url" in page.get_text() and "mkdocs.yml" in page.get_text()
    assert page.body["data-pagefind-ignore"] == "all"


def test_a_new_site_ships_the_admin(tmp_path, monkeypatch):
    """Published by its Pages workflow, a new site's editor knows its repository without any setting."""
    from bkm_site.scaffold import new_site

    monkeypatch.setenv("GITHUB_REPOSITORY", REPO_NAME)
    new_site(tmp_path / "baru")
    site_dir = Site(tmp_path / "baru").build_inprocess()
    assert yaml.safe_load((site_dir / "admin" / "config.yml").read_text(encoding="utf-8")) == config_for()
    assert html(site_dir / "admin").find("script", src="sveltia-cms.js")
    guide = html(site_dir / "panduan" / "admin")
    headings = [h.get_text(" ", strip=True) for h in guide.find_all("h2")]
    for step in ("token", "Masuk", "Menambah program", "kabar", "laporan keuangan", "pemeriksaan"):
        assert any(step.lower() in h.lower() for h in headings), step
    shots = [img["src"] for img in guide.find("article").find_all("img")]
    assert len(shots) == 5
    for src in shots:
        assert (site_dir / "panduan" / "admin" / src).resolve().is_file(), src
    assert html(site_dir / "panduan").find("a", href="admin/"), "linked from the editor's guide"
    nav = [a.get_text(" ", strip=True) for a in html(site_dir).select("nav.md-nav--primary a")]
    assert "Ruang Sekretariat" not in nav


def sitemap_paths(site_dir: Path) -> list[str]:
    """The sitemap's addresses relative to the home page."""
    locs = re.findall(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    home = min(locs, key=len)
    return [loc.removeprefix(home) for loc in locs]


def test_the_demo_ships_the_admin(demo_site):
    assert html(demo_site / "admin").body["data-pagefind-ignore"] == "all"
    paths = sitemap_paths(demo_site)
    assert "panduan/admin/" in paths, "the guide is a public page"
    assert not [p for p in paths if p.startswith("admin")]


def test_a_failed_check_never_deploys():
    """Every commit the CMS makes runs the Pages workflow; `bkm-site check` failing stops it before the
    upload, and deploy needs the build job, so the old site stays up."""
    for path in (SCAFFOLD / "dot-github" / "workflows" / "pages.yml", REPO / ".github" / "workflows" / "pages.yml"):
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        steps = flow["jobs"]["build"]["steps"]
        runs = [s.get("run") or s.get("uses") for s in steps]
        check = runs.index("bkm-site check")
        assert check < runs.index("mkdocs build --strict") < runs.index("actions/upload-pages-artifact@v3")
        assert all("if" not in s and not s.get("continue-on-error") for s in steps[check:]), path
        assert flow["jobs"]["deploy"]["needs"] == "build" and "if" not in flow["jobs"]["deploy"]
        assert flow[True]["push"]["branches"] == ["main"]


# --- in Chromium ----------------------------------------------------------------------------------


def allowed(url: str, site: str) -> bool:
    return url.startswith((site, "data:", "blob:")) or url.startswith(tuple(h + "/" for h in GITHUB_HOSTS))


def test_admin_opens_on_sveltias_sign_in_screen_with_nothing_from_a_cdn(admin_site, page, serve_dir):
    """Offline here, GitHub's status page is answered by the test as GitHub would answer it."""
    site = serve_dir(admin_site)
    requests, problems = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.route(
        "https://www.githubstatus.com/**",
        lambda route: route.fulfill(json={"status": {"indicator": "none", "description": "All Systems Operational"}}),
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + "admin/")
    sign_in = page.get_by_role("button", name="Sign In Using Access Token")
    sign_in.wait_for(timeout=30_000)
    page.get_by_text("Ruang Sekretariat").first.wait_for()
    page.wait_for_timeout(1500)
    assert page.get_by_role("button", name="Sign In with GitHub").count() == 0, "token sign-in only: no OAuth server"
    fonts = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert "Material Symbols Outlined" in " ".join(fonts)
    screenshot(page, "admin-sign-in")
    assert problems == []
    assert [u for u in requests if not allowed(u, site)] == []
    assert any(u.startswith(site + "admin/fonts/") for u in requests)


OPFS_FILL = """async (files) => {
  const root = await navigator.storage.getDirectory();
  for (const [path, b64] of Object.entries(files)) {
    const parts = path.split("/");
    let dir = root;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
    await writable.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    await writable.close();
  }
}"""

OPFS_READ = """async (path) => {
  const parts = path.split("/");
  let dir = await navigator.storage.getDirectory();
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
  return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
}"""


def save(page, collection: str) -> None:
    """Save the entry open in the editor; done when Sveltia, its file written, is back at the collection's list."""
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Entry saved.").wait_for()
    page.wait_for_url(re.compile(rf"#/collections/{collection}$"), timeout=30_000)


@pytest.fixture
def local_repository(admin_site, page, serve_dir):
    """Sveltia's local-repository mode (offered on 127.0.0.1) on a copy of the demo's data/ and photos.

    The browser's directory picker is the one thing replaced: it returns a folder in the page's
    private file system (a real FileSystemDirectoryHandle) holding the demo's files and a .git folder.
    """
    import base64

    site = serve_dir(admin_site)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.route("https://www.githubstatus.com/**", lambda route: route.fulfill(json={"status": {"indicator": "none"}}))
    page.add_init_script("window.showDirectoryPicker = async () => navigator.storage.getDirectory();")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + "admin/")
    files = {p.relative_to(REPO).as_posix(): p for p in sorted((REPO / "data").rglob("*.yml"))}
    files |= {p.relative_to(REPO).as_posix(): p for p in sorted((REPO / "content" / "images").rglob("*.jpg"))}
    encoded = {name: base64.b64encode(path.read_bytes()).decode() for name, path in files.items()}
    encoded[".git/HEAD"] = base64.b64encode(b"ref: refs/heads/main\n").decode()
    page.evaluate(OPFS_FILL, encoded)
    page.get_by_role("button", name="Work with Local Repository").click()
    page.get_by_text("Laporan keuangan").first.wait_for(timeout=30_000)
    yield page, site
    assert problems == []


def saved_site(tmp_path, page, changed: dict[str, str]):
    """The demo's data with the files the CMS saved, loaded by the loader."""
    copy = tmp_path / "saved"
    shutil.copytree(REPO / "data", copy / "data")
    shutil.copytree(REPO / "content", copy / "content")
    for rel in changed:
        (copy / rel).write_text(page.evaluate(OPFS_READ, rel), encoding="utf-8")
    return load_site(copy / "data", copy / "content", copy), {rel: (copy / rel).read_text() for rel in changed}


def test_the_editor_lists_the_demo_and_what_it_saves_the_loader_reads(local_repository, tmp_path):
    page, site = local_repository
    page.get_by_text("Program", exact=True).first.click()
    for programme in load_site(REPO / "data", REPO / "content", REPO).programmes.values():
        page.get_by_text(programme.title, exact=True).wait_for()
    screenshot(page, "admin-programmes")

    page.get_by_text("Paving Jalan Lingkungan RT 03/RW 05", exact=True).click()
    summary = page.get_by_role("textbox", name="Satu kalimat untuk kartu dan pratinjau")
    summary.wait_for()
    screenshot(page, "admin-programme-form")
    while not page.locator('section[data-key-path="partners"]').count():  # fields render as they scroll in
        page.locator("section[data-key-path]").last.scroll_into_view_if_needed()
    partners = page.locator('section[data-key-path="partners"]')
    partners.scroll_into_view_if_needed()
    assert "Kelurahan Cibiru Mekar (kelurahan-cibiru-mekar)" in partners.inner_text(), "named from partners.yml"
    summary.scroll_into_view_if_needed()
    summary.fill("Gang becek sepanjang 240 m kini berpaving: dilalui 92 KK setiap hari.")
    save(page, "programmes")

    page.goto(site + "admin/#/collections/reports/entries/2025")
    title = page.get_by_role("textbox", name="Judul", exact=True)
    title.wait_for(timeout=30_000)
    screenshot(page, "admin-report-form")
    title.fill("Laporan Keuangan Tahun 2025 (disahkan)")
    save(page, "reports")

    page.set_viewport_size({"width": 360, "height": 740})  # a cheap phone
    page.goto(site + "admin/#/collections/programmes/new")
    page.get_by_role("textbox", name="Judul program").wait_for(timeout=30_000)
    screenshot(page, "admin-phone-new-programme")

    before = load_site(REPO / "data", REPO / "content", REPO)
    programme_file, report_file = "data/programmes/paving-rt03-rw05.yml", "data/reports/2025.yml"
    after, written = saved_site(tmp_path, page, {programme_file: "", report_file: ""})
    assert re.search(r'^start: "2024-03-04"$', written[programme_file], re.M), "dates as quoted strings"
    assert re.search(r"^  - source: \"BLM\"$", written[programme_file], re.M), "block style, quoted strings"
    expected = before.programmes["paving-rt03-rw05"].model_copy(
        update={"summary": "Gang becek sepanjang 240 m kini berpaving: dilalui 92 KK setiap hari."}
    )
    assert after.programmes["paving-rt03-rw05"].model_dump() == expected.model_dump()
    report = before.reports["2025"].model_copy(update={"title": "Laporan Keuangan Tahun 2025 (disahkan)"})
    assert after.reports["2025"].model_dump() == report.model_dump()
