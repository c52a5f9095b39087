"""The ``/admin/`` editor: Sveltia CMS's ``config.yml`` generated from the data models, and its page.

Every field comes from the models' JSON Schema (:mod:`.schema`), so the forms follow the data
format: the type gives the widget, ``required`` and defaults say what may be left empty, the
``"Indonesian. / English."`` description gives the label and hint in the site's language.
What a schema cannot say is kept in the tables below: which fields name another file's
entries (relations), which enum takes its labels from which catalogue keys.

The page loads the vendored Sveltia build (``bkm_site/vendor/sveltia-cms``) from the site
itself. Sveltia's stylesheet names its fonts by CDN address and it asks a CDN whether a
newer version exists; the page rewrites the font addresses to the vendored copies and
refuses any ``fetch`` to a host other than the site's own and GitHub's.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .models.common import ASSET_PATTERN, DATE_PATTERN, SECTORS
from .models.extras import PARTNER_KINDS
from .models.programme import SOURCES, STATUSES
from .schema import DATA_FILES, schemas
from .strings import Strings

VENDOR = Path(__file__).resolve().parent.parent / "vendor" / "sveltia-cms"
"""The vendored Sveltia CMS: ``scripts/update-sveltia.sh`` writes it, with VERSION, SOURCE and SHA256SUMS."""

ADMIN_DIR = "admin"
SCRIPT = "sveltia-cms.js"

GITHUB_HOSTS = (
    "https://api.github.com",
    "https://github.com",
    "https://uploads.github.com",
    "https://raw.githubusercontent.com",
    "https://avatars.githubusercontent.com",
    "https://www.githubstatus.com",
)
"""Where the editor may send requests besides the site itself: the GitHub backend and its status page."""

FOLDERS = {"programme": "programmes", "report": "reports"}
"""Folder collections: schema name → collection name (also the folder under data/)."""

SLUGS = {"programme": "{{title}}", "report": "{{period}}"}
"""A new entry's file name: a programme's from its title, a report's from its period."""

RELATIONS: dict[str, dict[str, Any]] = {
    "partner": {"collection": "partners", "file": "partners", "value_field": "partners.*.slug"},
    "partners": {"collection": "partners", "file": "partners", "value_field": "partners.*.slug"},
    "plan_item": {"collection": "plan", "file": "plan", "value_field": "items.*.id"},
    "programme": {"collection": "programmes", "value_field": "{{slug}}"},
}
"""Fields that name an entry of another file (the loader's cross-file rules check them)."""

RELATION_DISPLAY = {"partners": ["partners.*.name"], "plan": ["items.*.title"], "programmes": ["title"]}

ENUM_LABELS: dict[frozenset, str] = {
    frozenset(SECTORS): "sector.{}",
    frozenset(STATUSES): "status.{}",
    frozenset(SOURCES): "source.{}",
    frozenset(PARTNER_KINDS): "partners.kind.{}",
}
"""Enum value sets whose options take their labels from the UI catalogues."""

FILE_FIELDS = {"document"}
"""Asset fields that hold a document rather than a photo."""

ICONS = {
    "bkm": "groups",
    "programme": "campaign",
    "report": "account_balance",
    "partners": "handshake",
    "plan": "event_note",
    "achievements": "emoji_events",
}


def github_repo(repo_url: str | None, environ: Mapping[str, str]) -> str | None:
    """``owner/name`` of the site's GitHub repository: ``repo_url`` in mkdocs.yml, else the Actions build's own."""
    if repo_url and (m := re.match(r"^https?://(?:www\.)?github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", repo_url)):
        return f"{m[1]}/{m[2]}"
    repository = environ.get("GITHUB_REPOSITORY", "")
    return repository if re.fullmatch(r"[\w.-]+/[\w.-]+", repository) else None


def split_description(description: str, language: str) -> str:
    """The site's half of an ``"Indonesian. / English."`` description."""
    parts = [part.strip() for part in description.split(" / ", 1)]
    return parts[1] if language == "en" and len(parts) == 2 else parts[0]


LABEL_BREAKS = re.compile(r"; |: |, (?=misalnya |e\.g\. |for example |paling banyak |at most )")


def label_and_hint(description: str | None, fallback: str, language: str) -> tuple[str, str | None]:
    """A short label (the first clause) and, when the description says more, the rest as a hint."""
    if not description:
        return fallback.replace("_", " ").capitalize(), None
    text = split_description(description, language)
    head, *rest = LABEL_BREAKS.split(text, maxsplit=1)
    label = head.rstrip(".").strip()
    hint = rest[0].strip() if rest else None
    return label, (hint[0].upper() + hint[1:]) if hint else None


class _Fields:
    """Turns one JSON Schema (with its ``$defs``) into Sveltia field definitions."""

    def __init__(self, schema: dict, t: Strings, language: str, media: dict[str, str]):
        self.defs = schema.get("$defs", {})
        self.t = t
        self.language = language
        self.media = media

    def resolve(self, node: dict) -> dict:
        while "$ref" in node:
            target = self.defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        if "allOf" in node and len(node["allOf"]) == 1:
            node = {**self.resolve(node["allOf"][0]), **{k: v for k, v in node.items() if k != "allOf"}}
        return node

    def object_fields(self, schema: dict) -> list[dict]:
        schema = self.resolve(schema)
        required = set(schema.get("required", []))
        return [self.field(name, prop, name in required) for name, prop in schema.get("properties", {}).items()]

    def field(self, name: str, prop: dict, required: bool) -> dict:
        prop = self.resolve(prop)
        description = prop.get("description")
        nullable = False
        if "anyOf" in prop:
            members = [self.resolve(m) for m in prop["anyOf"]]
            nullable = any(m.get("type") == "null" for m in members)
            members = [m for m in members if m.get("type") != "null"]
            # Several types (a period: year number or text): the text form covers them all.
            chosen = next((m for m in members if m.get("type") == "string"), members[0])
            prop = {**chosen, **{k: v for k, v in prop.items() if k != "anyOf"}}
        label, hint = label_and_hint(description, name, self.language)
        if f"admin.field.{name}" in self.t:
            # A description that lists the stored values (status) reads badly as a label.
            label, hint = self.t(f"admin.field.{name}"), None
        out: dict[str, Any] = {"name": name, "label": label}
        if hint:
            out["hint"] = hint
        if not required or nullable:
            out["required"] = False
        out.update(self.widget(name, prop, description or ""))
        if "default" in prop and prop["default"] is not None and not isinstance(prop["default"], (list, dict)):
            out["default"] = prop["default"]
        return out

    def widget(self, name: str, prop: dict, description: str) -> dict:
        kind = prop.get("type")
        if name in RELATIONS:
            return self.relation(name, multiple=kind == "array")
        if "enum" in prop:
            return self.select(prop["enum"])
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind in ("integer", "number"):
            return self.number(prop, description)
        if kind == "array":
            return self.list(name, prop)
        if kind == "object" or "properties" in prop:
            return {"widget": "object", "collapsed": "auto", "fields": self.object_fields(prop)}
        if prop.get("format") == "date" or prop.get("pattern") == DATE_PATTERN:
            return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD", "time_format": False}
        if prop.get("pattern") == ASSET_PATTERN:
            return {
                "widget": "file" if name in FILE_FIELDS else "image",
                "choose_url": False,
                "media_folder": self.media["media_folder"],
                "public_folder": self.media["public_folder"],
            }
        if "(Markdown)" in description:
            # No image component: its paths would be absolute (/images/...), which breaks project sites;
            # photos go in the photo fields.
            return {"widget": "markdown", "modes": ["rich_text", "raw"], "editor_components": []}
        out: dict[str, Any] = {"widget": "string"}
        if "maxLength" in prop:
            out["maxlength"] = prop["maxLength"]
        if pattern := prop.get("pattern"):
            example = (prop.get("examples") or [None])[0]
            message = self.t("admin.pattern", example=example) if example is not None else self.t("admin.pattern_plain")
            out["pattern"] = [pattern, message]
        return out

    def number(self, prop: dict, description: str) -> dict:
        integer = prop.get("type") == "integer"
        out: dict[str, Any] = {"widget": "number", "value_type": "int" if integer else "float"}
        if "minimum" in prop:
            out["min"] = prop["minimum"]
        if "maximum" in prop:
            out["max"] = prop["maximum"]
        out["step"] = 1 if integer else 0.01
        if "Rupiah" in description:
            out["before_input"] = "Rp"
        return out

    def select(self, values: list) -> dict:
        key = ENUM_LABELS.get(frozenset(values))
        options = [{"label": self.t(key.format(v)) if key else str(v), "value": v} for v in values]
        return {"widget": "select", "options": options}

    def relation(self, name: str, multiple: bool) -> dict:
        target = RELATIONS[name]
        out = {"widget": "relation", **target, "display_fields": RELATION_DISPLAY[target["collection"]]}
        if multiple:
            out["multiple"] = True
        return out

    def list(self, name: str, prop: dict) -> dict:
        items = self.resolve(prop.get("items", {}))
        out: dict[str, Any] = {"widget": "list"}
        if items.get("type") == "object" or "properties" in items:
            out["fields"] = self.object_fields(items)
            out["collapsed"] = "auto"
        else:
            item = self.field("item", items, required=True)
            item.pop("label", None)
            out["field"] = {**item, "label": self.t("admin.item")}
        return out


def admin_config(t: Strings, language: str, repo: str, docs_dir: str, site_url: str | None = None) -> dict:
    """Sveltia CMS's configuration for this site: one collection per data file, fields from the models."""
    all_schemas = schemas()
    media_root = f"{docs_dir}/images"
    collections: list[dict] = []
    for name, (path, _model) in DATA_FILES.items():
        schema = all_schemas[name]
        title = t(f"admin.collection.{name}")
        description = split_description(schema.get("description", "").split(": ", 1)[-1], language)
        if name in FOLDERS:
            # Photos of an entry go to images/<its file name>/. Sveltia makes a public folder absolute
            # unless it starts with "."; "./images/..." is relative to the docs directory, as the data wants.
            media = {"media_folder": f"/{media_root}/{{{{slug}}}}", "public_folder": "./images/{{slug}}"}
            fields = _Fields(schema, t, language, media).object_fields(schema)
            collections.append(
                {
                    "name": FOLDERS[name],
                    "label": title,
                    "label_singular": t(f"admin.singular.{name}"),
                    "description": description,
                    "icon": ICONS[name],
                    "folder": f"data/{FOLDERS[name]}",
                    "extension": "yml",
                    "format": "yaml",
                    "create": True,
                    "identifier_field": "title" if name == "programme" else "period",
                    "slug": SLUGS[name],
                    "summary": "{{title}}" if name == "programme" else "{{period}} {{title}}",
                    "fields": fields,
                }
            )
            continue
        media = {"media_folder": f"/{media_root}/{name}", "public_folder": f"./images/{name}"}
        builder = _Fields(schema, t, language, media)
        if schema.get("type") == "array":
            # partners.yml is a list at the top of the file.
            fields = [
                {
                    "name": name,
                    "label": title,
                    "widget": "list",
                    "root": True,
                    "collapsed": "auto",
                    "label_singular": t(f"admin.singular.{name}"),
                    "fields": builder.object_fields(schema["items"]),
                }
            ]
        else:
            fields = builder.object_fields(schema)
        collections.append(
            {
                "name": name,
                "label": title,
                "description": description,
                "icon": ICONS[name],
                "files": [{"name": name, "label": title, "file": f"data/{path}", "format": "yaml", "fields": fields}],
            }
        )
    config: dict[str, Any] = {
        "backend": {"name": "github", "repo": repo, "branch": "main", "auth_methods": ["token"]},
        "app_title": t("admin.title"),
        "media_folder": media_root,
        "public_folder": "images",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}},
        "collections": collections,
    }
    if site_url:
        config["site_url"] = site_url.rstrip("/")
    return config


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def admin_config_yaml(config: dict) -> str:
    text = yaml.dump(config, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=120)
    return "# Generated by bkm-site from the data models at every build; edit the models, not this file.\n" + text


def font_map() -> dict[str, str]:
    """CDN font address → the vendored copy's path under admin/."""
    return json.loads((VENDOR / "fonts.json").read_text(encoding="utf-8"))


def admin_assets() -> dict[str, Path]:
    """Files the admin page needs, by path under the site's ``admin/``."""
    assets = {SCRIPT: VENDOR / SCRIPT}
    for path in font_map().values():
        assets[path] = VENDOR / path
    return assets


GUARD = """(() => {
  const fonts = Object.fromEntries(
    Object.entries(%(fonts)s).map(([cdn, file]) => [cdn, new URL(file, location.href).href])
  );
  const allowed = new Set([location.origin, ...%(hosts)s]);
  const local = (css) => Object.entries(fonts).reduce((text, [cdn, file]) => text.split(cdn).join(file), css);
  new MutationObserver((changes) => {
    for (const change of changes) for (const node of change.addedNodes) {
      if (node.nodeName === "STYLE" && node.textContent.includes("fontsource")) {
        node.textContent = local(node.textContent);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  const fetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.protocol.startsWith("http") && !allowed.has(url.origin)) {
      return Promise.reject(new TypeError("bkm-site: " + url.origin + " is not contacted from the admin page"));
    }
    return fetch(input, init);
  };
})();"""


def admin_index_html(t: Strings, language: str, configured: bool, favicon: str) -> str:
    """The editor's page; without a known GitHub repository, a page that says what to set instead."""
    title = html.escape(t("admin.title"))
    head = (
        f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f'<link rel="icon" href="../{html.escape(favicon)}">\n<title>{title}</title>\n'
    )
    if not configured:
        return (
            f'{head}</head>\n<body data-pagefind-ignore="all">\n<main>\n<h1>{title}</h1>\n'
            f"<p>{html.escape(t('admin.no_repo'))}</p>\n"
            f"<pre>repo_url: {html.escape(t('admin.no_repo_example'))}</pre>\n"
            "</main>\n</body>\n</html>\n"
        )
    guard = GUARD % {"fonts": json.dumps(font_map()), "hosts": json.dumps(list(GITHUB_HOSTS))}
    return (
        f"{head}<script>\n{guard}\n</script>\n</head>\n"
        f'<body data-pagefind-ignore="all">\n<noscript>{html.escape(t("admin.noscript"))}</noscript>\n'
        f'<script src="{SCRIPT}"></script>\n</body>\n</html>\n'
    )
