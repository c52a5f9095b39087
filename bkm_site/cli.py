"""``bkm-site``: the command line for editors and CI."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NoReturn

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .core.editor_schema import SCHEMA_DIR, write_schemas
from .core.generate import GenerateError, config_language, value_problem
from .core.generate import generate as core_generate
from .core.loading import DataError
from .core.strings import Strings, catalogue
from .scaffold import ScaffoldError, new_site
from .strict_check import strict_build_problems
from .theme_setup import written_language


def config_file_of(site: Path) -> Path:
    """A site named by its folder or by its configuration file, as editors and CI name it."""
    return site if site.is_file() else site / "mkdocs.yml"


def check(site_dir: Path) -> int:
    """Validate a site as the strict build does: its data (the plugin's ``on_config``), then MkDocs' own
    checks of the pages and the nav, by a real strict build into a temporary folder; ``site/`` is left alone."""
    config_file = config_file_of(site_dir)
    if not config_file.is_file():
        return refuse(catalogue("id"), "cli.no_config", path=site_dir.resolve())
    if (said := value_problem(config_file, catalogue(config_language(config_file)))) is not None:
        print(said, file=sys.stderr)
        return 1
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
        with plugin.checks_only():  # the files read here are what the strict build below takes from plugin.loaded
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
    config_file = config_file_of(site_dir)
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


USAGE_MISTAKES = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli.usage.required"),
    (
        re.compile(
            r"argument .+?: invalid choice: (?P<value>.+?)(?:, maybe you meant (?P<closest>.+?)\?)? \(choose from .*\)"
        ),
        "cli.usage.invalid_choice",
    ),
    (re.compile(r"unrecognized arguments: (?P<arguments>.+)"), "cli.usage.unrecognized"),
    (re.compile(r"argument (?P<option>.+?): expected one argument"), "cli.usage.expected_one"),
)
"""argparse's own English messages that an editor meets, said again in the site's language (any other is quoted
inside ``cli.usage.other``)."""

COMMAND = "command"
"""The command's argument: what argparse names when none is written."""
FOLDER = "FOLDER"
"""What the help and the usage line call a folder argument, in either language."""


class Formatter(argparse.HelpFormatter):
    """argparse's formatter with the usage line's first word from the catalogue (set by :class:`Parser`)."""

    usage: str

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, self.usage if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse in the site's language: the words it adds itself (usage, the help option, its mistakes) come
    from the catalogue, and every argument sits in a group of a translated title."""

    def __init__(self, *, t: Strings, **kwargs) -> None:
        self.t = t
        self.commands: dict[str, Parser] = {}
        formatter: type[Formatter] = type("Formatter", (Formatter,), {"usage": t("cli.help.usage")})
        super().__init__(add_help=False, formatter_class=formatter, **kwargs)
        self.arguments = self.add_argument_group(t("cli.help.arguments"))
        self.options = self.add_argument_group(t("cli.help.options"))
        self.options.add_argument("-h", "--help", action="help", help=t("cli.help.help"))

    def error(self, message: str) -> NoReturn:
        for pattern, key in USAGE_MISTAKES:
            if found := pattern.fullmatch(message):
                said = self.t(key, **found.groupdict(), choices=", ".join(self.commands))
                if key == "cli.usage.required" and found["names"] == COMMAND:
                    said = self.t("cli.usage.no_command", choices=", ".join(self.commands))
                if found.groupdict().get("closest"):
                    said += " " + self.t("cli.usage.closest", closest=found["closest"])
                break
        else:
            said = self.t("cli.usage.other", details=message)
        self.refuse(said)

    def refuse(self, said: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {said}\n→ {self.t('cli.usage.hint', prog=self.prog)}\n")

    def parse(self, argv: list[str] | None) -> argparse.Namespace:
        """``parse_args``, but words left over after a command are that command's mistake: its help is the one
        to see."""
        args, extras = self.parse_known_args(argv)
        if extras:
            command = self.commands.get(getattr(args, COMMAND, ""), self)
            command.refuse(self.t("cli.usage.unrecognized", arguments=" ".join(extras)))
        return args


def build_parser(t: Strings) -> Parser:
    root = Parser(prog="bkm-site", description=t("cli.help.description"), t=t)
    commands = root.add_subparsers(dest=COMMAND, required=True, title=t("cli.help.commands"))

    def command(name: str) -> Parser:
        root.commands[name] = commands.add_parser(
            name, help=t(f"cli.help.{name}"), description=t(f"cli.help.{name}"), t=t
        )
        return root.commands[name]

    check_cmd = command("check")
    check_cmd.arguments.add_argument(
        "site_dir", nargs="?", default=".", type=Path, metavar=FOLDER, help=t("cli.help.check.site_dir")
    )
    command("new").arguments.add_argument("target", type=Path, metavar=FOLDER, help=t("cli.help.new.target"))
    command("schema").options.add_argument(
        "--out", type=Path, default=Path(SCHEMA_DIR), metavar=FOLDER, help=t("cli.help.schema.out")
    )
    generate_cmd = command("generate")
    generate_cmd.arguments.add_argument("out_dir", type=Path, metavar=FOLDER, help=t("cli.help.generate.out_dir"))
    generate_cmd.options.add_argument(
        "--site", type=Path, default=Path("."), metavar=FOLDER, help=t("cli.help.generate.site")
    )
    return root


def main(argv: list[str] | None = None) -> int:
    """Help and usage mistakes speak the language of the site in this folder (Indonesian where there is none)."""
    args = build_parser(catalogue(config_language(Path("mkdocs.yml")))).parse(argv)
    if args.command == "check":
        return check(args.site_dir)
    if args.command == "new":
        return new(args.target)
    if args.command == "schema":
        return schema(args.out)
    if args.command == "generate":
        return generate(args.out_dir, args.site)
    return 2
