"""``bkm-site``: the command line for editors and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .core.editor_schema import SCHEMA_DIR, write_schemas
from .core.generate import GenerateError, config_language
from .core.generate import generate as core_generate
from .core.loading import DataError
from .core.strings import Strings, catalogue
from .scaffold import ScaffoldError, new_site
from .strict_check import strict_build_problems
from .theme_setup import written_language


def check(site_dir: Path) -> int:
    """Validate a site as the strict build does: its data (the plugin's ``on_config``), then MkDocs' own
    checks of the pages and the nav, by a real strict build into a temporary folder; ``site/`` is left alone."""
    config_file = site_dir if site_dir.is_file() else site_dir / "mkdocs.yml"
    if not config_file.is_file():
        return refuse(catalogue("id"), "cli.no_config", path=site_dir.resolve())
    try:
        config = load_config(config_file=str(config_file))
    except (ConfigurationError, Abort) as err:
        return refuse(catalogue(config_language(config_file)), "cli.bad_config", details=err)
    plugin = config.plugins.get("bkm")
    if plugin is None:
        t = catalogue(written_language(config))
        print(t("cli.no_plugin"), file=sys.stderr)
        print(f"→ {t('cli.no_plugin.hint')}\n\nplugins:\n  - bkm\n", file=sys.stderr)
        return 1
    try:
        plugin.on_config(config)
    except PluginError as err:
        print(err, file=sys.stderr)
        return 1
    site = plugin.site
    problems = strict_build_problems(config_file, Path(config.docs_dir), plugin.language)
    if problems:
        print(DataError(problems, plugin.language, head="problem.head.build").report(), file=sys.stderr)
        return 1
    print(
        plugin.t(
            "cli.check_ok",
            name=site.profile.name,
            programmes=len(site.programmes),
            reports=len(site.reports),
            partners=len(site.partners),
        )
    )
    return 0


def refuse(t: Strings, key: str, **values) -> int:
    """Say what is wrong and what to do (the catalogue's ``key`` and ``key.hint``) on stderr; the exit status."""
    print(t(key, **values), file=sys.stderr)
    if f"{key}.hint" in t:
        print(f"→ {t(f'{key}.hint', **values)}", file=sys.stderr)
    return 1


def cannot_write(t: Strings, path: Path, err: OSError) -> int:
    return refuse(t, "cli.cannot_write", path=path, reason=err.strerror or err)


def new(target: Path) -> int:
    """Scaffold a new site into an empty or missing folder (the new site is Indonesian, so is what this says)."""
    try:
        written = new_site(target)
    except ScaffoldError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        return cannot_write(catalogue("id"), target, err)
    t = catalogue("id")
    print(t("cli.new_ok", path=target, count=len(written)))
    print(f"→ {t('cli.new_ok.next', path=target)}")
    print(f"→ {t('cli.new_ok.guide')}")
    return 0


def schema(out_dir: Path) -> int:
    """(Re)write the JSON Schemas the data files' ``# yaml-language-server`` lines point to."""
    try:
        written = write_schemas(out_dir)
    except OSError as err:
        return cannot_write(catalogue("id"), out_dir, err)
    names = ", ".join(p.name for p in written)
    print(catalogue("id")("cli.schema_ok", count=len(written), path=out_dir, names=names))
    return 0


def generate(out_dir: Path, site_dir: Path) -> int:
    """Write every generated page (Markdown with front matter) and the open-data files, for any builder."""
    config_file = site_dir if site_dir.is_file() else site_dir / "mkdocs.yml"
    t = catalogue(config_language(config_file))
    try:
        files = core_generate(config_file, out_dir)
    except (DataError, GenerateError) as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        return cannot_write(t, out_dir, err)
    pages = sum(uri.endswith(".md") for uri in files)
    print(t("cli.generate_ok", pages=pages, files=len(files) - pages, path=out_dir))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bkm-site", description="Alat bantu situs BKM (bkm-site).")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser(
        "check", help="Periksa data dan halaman seperti pembangunan --strict, tanpa menulis site/."
    )
    check_cmd.add_argument(
        "site_dir",
        nargs="?",
        default=".",
        type=Path,
        help="Folder yang berisi mkdocs.yml (atau berkas mkdocs.yml-nya).",
    )
    new_cmd = commands.add_parser("new", help="Buat situs BKM baru di folder kosong.")
    new_cmd.add_argument("target", type=Path, help="Folder baru untuk situs.")
    schema_cmd = commands.add_parser("schema", help="Tulis skema JSON berkas data (untuk VS Code).")
    schema_cmd.add_argument("--out", type=Path, default=Path(SCHEMA_DIR), help="Folder tujuan (bawaan: schema).")
    generate_cmd = commands.add_parser(
        "generate", help="Tulis halaman yang dibuat dari data (Markdown) dan data terbuka ke sebuah folder."
    )
    generate_cmd.add_argument("out_dir", type=Path, help="Folder tujuan (kosong, atau hasil generate sebelumnya).")
    generate_cmd.add_argument(
        "--site", type=Path, default=Path("."), help="Folder yang berisi mkdocs.yml (bawaan: folder ini)."
    )
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.site_dir)
    if args.command == "new":
        return new(args.target)
    if args.command == "schema":
        return schema(args.out)
    if args.command == "generate":
        return generate(args.out_dir, args.site)
    return 2
