"""``bkm-site generate``: every generated page as Markdown with front matter, plus the open-data files.

What any builder can consume (Zensical, a static-site generator, a script): the
pages MkDocs gets from the plugin, written to disk. Each page's front matter holds
its title, description, template and the data its template lays out (``context``,
as plain data: see :mod:`.pages.plain`); an editor's page at the same address in
``docs_dir`` adds its text and front matter, as in the MkDocs build. Nothing here
imports MkDocs.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import yaml

from .embed import check_content as check_embeds
from .exports import export_files
from .formatting import LANGUAGES, Formatter
from .loading import load_site
from .loading.yamlfile import syntax_problem
from .models.site import SiteData
from .pages import all_pages
from .pages.programmes import check_programme_page
from .strings import Strings, catalogue, in_both

MARKER = ".bkm-generated"
"""Left in OUT_DIR, so a later run may replace what an earlier one wrote, and nothing else."""

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML front matter, as MkDocs reads it."""


class GenerateError(Exception):
    """A site that cannot be generated (no mkdocs.yml, an unknown language, OUT_DIR in use)."""


@dataclass(frozen=True)
class Settings:
    """What generation needs from ``mkdocs.yml``."""

    root: Path
    docs_dir: Path
    data_dir: Path
    language: str


class _ConfigLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without MkDocs: ``!ENV`` gives the variable or its default, other tags their value."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    """As MkDocs' ``!ENV`` (yaml_env_tag): the variables' names are text; the default and a variable's value get
    the type YAML gives them."""
    default = None
    if isinstance(node, yaml.ScalarNode):
        children = [node]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
        if len(children) > 1:
            children, default = children[:-1], loader.construct_object(children[-1])
    else:
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a scalar or sequence node, but found {type(node).__name__}", node.start_mark
        )
    for name in (loader.construct_scalar(cast(yaml.ScalarNode, child)) for child in children):
        if name in os.environ:
            value = os.environ[name]
            return loader.construct_object(
                yaml.ScalarNode(loader.resolve(yaml.ScalarNode, value, (True, False)), value)
            )
    return default


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(cast(yaml.ScalarNode, node))


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _read_config(config_file: Path) -> dict:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return config if isinstance(config, dict) else {}


def _written_language(config: dict) -> str:
    theme = found if isinstance(found := config.get("theme"), dict) else {}
    return theme.get("language") or "id"


BAD_VALUE = (ValueError, TypeError)
"""What PyYAML raises for a value it parses but cannot make, a date like 2024-13-01 (MkDocs' own loading stops
there with a traceback). A UnicodeDecodeError is a ValueError too: catch it first."""


def value_problem(config_file: Path, t: Strings) -> str | None:
    """What to say about the value of ``mkdocs.yml`` that Python cannot make, if there is one; anything else
    is MkDocs' to say."""
    try:
        _read_config(config_file)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    except BAD_VALUE as err:
        return bad_value(config_file, err, t)
    return None


def bad_value(config_file: Path, err: Exception, t: Strings) -> str:
    line = _unmade_line(config_file.read_text(encoding="utf-8"))
    said = t("cli.bad_value_at", line=line, details=err) if line else t("cli.bad_value", details=err)
    return f"{said}\n→ {t('cli.bad_value.hint')}"


def _unmade_line(text: str) -> int | None:
    """The line of the first value, in the file's order, that Python cannot make: YAML composes the file
    fine, only making that one value fails."""

    def values(node: yaml.Node) -> Iterator[yaml.Node]:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                yield from values(key)
                yield from values(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from values(item)
        else:
            yield node

    loader = _ConfigLoader(text)
    try:
        root = loader.get_single_node()
        for node in values(root) if root is not None else ():
            try:
                loader.construct_object(node, deep=True)
            except BAD_VALUE:
                return node.start_mark.line + 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


WRITTEN_LANGUAGE = re.compile(r"^[ \t]+language:[ \t]*['\"]?([a-z]+)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)
"""An indented ``language: en`` line, for a mkdocs.yml that YAML cannot read."""


def config_language(config_file: Path) -> str:
    """The language to speak about a site whose mkdocs.yml may be broken: its own when readable (or, in a file
    YAML cannot read, an indented ``language:`` line), else id."""
    try:
        language = _written_language(_read_config(config_file))
    except (OSError, UnicodeDecodeError):
        return "id"
    except (yaml.YAMLError, *BAD_VALUE):
        found = WRITTEN_LANGUAGE.search(config_file.read_text(encoding="utf-8"))
        language = found[1] if found else "id"
    return language if isinstance(language, str) and language in LANGUAGES else "id"


def read_settings(config_file: Path) -> Settings:
    if not config_file.is_file():
        raise GenerateError(catalogue("id")("cli.no_config", path=config_file.parent))
    try:
        config = _read_config(config_file)
    except yaml.MarkedYAMLError as err:
        text = config_file.read_text(encoding="utf-8")
        raise GenerateError(str(syntax_problem(config_file.name, text, err, config_language(config_file)))) from None
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        raise GenerateError(catalogue(config_language(config_file))("cli.bad_config", details=err)) from None
    except BAD_VALUE as err:
        raise GenerateError(bad_value(config_file, err, catalogue(config_language(config_file)))) from None
    root = config_file.parent
    language = _written_language(config)
    if language not in LANGUAGES:
        raise GenerateError(in_both("language.unknown", language=language))
    options = next((p["bkm"] for p in config.get("plugins") or [] if isinstance(p, dict) and "bkm" in p), None)
    data_dir = (options or {}).get("data_dir", "data")
    return Settings(root, root / config.get("docs_dir", "docs"), root / data_dir, language)


def split_front_matter(text: str) -> tuple[str, dict]:
    """An editor's page: its Markdown and its YAML front matter (empty when it has none)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    meta = yaml.safe_load(match.group(1))
    return (text[match.end() :], meta) if isinstance(meta, dict) else (text, {})


def generated_files(site: SiteData, settings: Settings) -> dict[str, str | bytes]:
    """Every generated page and open-data file, by its address (``src_uri``)."""
    t, fmt = catalogue(settings.language), Formatter(settings.language)
    out: dict[str, str | bytes] = {}
    for spec in all_pages(site, t, fmt):
        editor = settings.docs_dir / spec.src_uri
        text, meta = split_front_matter(editor.read_text(encoding="utf-8-sig")) if editor.is_file() else ("", {})
        out[spec.src_uri] = spec.markdown(text, meta, with_context=True)
    out.update(export_files(site))
    return out


def generate(config_file: Path, out_dir: Path) -> dict[str, str | bytes]:
    """Check the data as the build does, then write every file into ``out_dir``; nothing is written from bad data."""
    settings = read_settings(config_file)
    site = load_site(
        settings.data_dir,
        settings.docs_dir,
        settings.root,
        content_checks=(check_embeds, check_programme_page),
        language=settings.language,
    )
    files = generated_files(site, settings)
    if out_dir.exists() and any(out_dir.iterdir()):
        if not (out_dir / MARKER).is_file():
            raise GenerateError(catalogue(settings.language)("generate.out_in_use", path=out_dir))
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text(
        "Written by bkm-site generate; the next run replaces this folder.\n", encoding="utf-8"
    )
    for src_uri, content in files.items():
        path = out_dir / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return files
