"""Read one YAML file safely, keeping the line and character of every value.

Values are resolved as YAML 1.2 reads them (the version editors' language
servers use): ``yes``/``no``/``on``/``off`` and ``1:30`` are text, ``0012`` is
the number 12, only ``true``/``false`` are booleans; so VS Code and the build
read the same data. Dates stay text here (pydantic parses them) so that an
impossible date such as 2025-02-30 becomes a located field error instead of a
crash; Python-object tags are refused by the safe loader and reported in plain
words. Every message is in the site's language and never quotes the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import DEFAULT_LANGUAGE, Problem, say

Path_ = tuple

BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
"""The YAML 1.2 core schema."""


def _resolvers() -> dict:
    table: dict = {}
    for tag, rx, first in (
        ("tag:yaml.org,2002:bool", BOOL, "tTfF"),
        ("tag:yaml.org,2002:null", NULL, ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:int", INT, "-+0123456789"),
        ("tag:yaml.org,2002:float", FLOAT, "-+0123456789."),
    ):
        for ch in first:
            table.setdefault(ch, []).append((tag, rx))
    table.setdefault(None, [])
    return table


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = node.value
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _float_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_float(node)
    except ValueError:
        return node.value


def _bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    return node.value.lower() == "true"


def _text_keys(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    """A mapping whose keys are the text as typed: ``2025:`` or ``no:`` are names, not numbers or booleans.

    ``_index`` has already refused keys that are not plain text.
    """
    mapping: dict = {}
    for key_node, value_node in node.value:
        mapping[key_node.value] = loader.construct_object(value_node)
    return mapping


def _yaml_map(loader: yaml.SafeLoader, node: yaml.MappingNode):
    data: dict = {}
    yield data
    data.update(_text_keys(loader, node))


def _setup(cls: Any) -> Any:
    cls.yaml_implicit_resolvers = _resolvers()
    cls.add_constructor("tag:yaml.org,2002:int", _int)
    cls.add_constructor("tag:yaml.org,2002:float", _float_or_text)
    cls.add_constructor("tag:yaml.org,2002:bool", _bool)
    cls.add_constructor("tag:yaml.org,2002:map", _yaml_map)
    return cls


@_setup
class _Loader(yaml.SafeLoader):
    """SafeLoader reading YAML 1.2 values, without timestamps, and tolerant of odd floats."""


_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):

    @_setup
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """The same loader on libyaml's C parser: about twenty times faster on a valid file."""


NOT_TEXT_KEY = "key-not-text"
MAX_NODES = 200_000
"""More values than any BKM file holds: a guard against alias bombs (``&a [*a, *a, ...]``)."""


class _TooLarge(Exception):
    pass


@dataclass(frozen=True)
class Comment:
    """A `` #`` comment right after a plain value: the text the editor probably meant to keep."""

    line: int
    column: int
    key: str
    kept: str
    dropped: str


@dataclass(frozen=True)
class Split:
    """A value of a one-line ``{ … }`` entry that a comma cut into a value and orphan keys."""

    whole: str
    pieces: tuple[str, ...]


@dataclass
class YamlDoc:
    """Parsed data plus where each value stands in the file (1-based line and character)."""

    rel: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    duplicate_keys: list[Path_] = field(default_factory=list)
    comments: dict[Path_, Comment] = field(default_factory=dict)
    splits: dict[Path_, Split] = field(default_factory=dict)
    language: str = DEFAULT_LANGUAGE
    text: str = ""

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    _lines: list[str] | None = field(default=None, repr=False)

    def where(self, path: Path_, key: bool = False) -> tuple[int | None, int | None]:
        """Position of ``path``, or of its nearest ancestor that exists."""
        index = self.keys if key and path in self.keys else self.values
        path = tuple(path)
        while path and path not in index:
            path = path[:-1]
            index = self.values
        return index.get(path, (1, 1))

    def problem(
        self, path: Path_, message: str, hint: str | None = None, key: bool = False, cause: tuple = ()
    ) -> Problem:
        from .problems import field_label

        line, col = self.where(path, key)
        return Problem(self.rel, line, col, field_label(path), message, hint, self.language, cause)

    def say(self, message: str, /, **values) -> str:
        return say(self.language, message, **values)


def _expanded_size(node: yaml.Node, sizes: dict[int, int] | None = None) -> int:
    """How many values ``node`` holds once its aliases are written out, counted without writing them out:
    an alias is the same node object again, so each node is counted once and its size reused."""
    sizes = {} if sizes is None else sizes
    if (known := sizes.get(id(node))) is not None:
        return known
    sizes[id(node)] = MAX_NODES  # a node inside itself (``&a [*a]``) is too large
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, sizes) for item in node.value)
    elif isinstance(node, yaml.MappingNode):
        keys = (0 if isinstance(k, yaml.ScalarNode) else _expanded_size(k, sizes) for k, _ in node.value)
        size += sum(keys) + sum(_expanded_size(v, sizes) for _, v in node.value)
    sizes[id(node)] = min(size, MAX_NODES)
    return size


def _index_within_limits(node: yaml.Node, doc: YamlDoc) -> None:
    if _expanded_size(node) >= MAX_NODES:
        raise _TooLarge
    _index(node, (), doc)


def _index(node: yaml.Node, path: Path_, doc: YamlDoc) -> None:
    if len(doc.values) >= MAX_NODES or len(path) > 50:
        raise _TooLarge
    doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        doc.raw[path] = node.value
        if not node.style and path:
            _note_comment(node, path, doc)
    elif isinstance(node, yaml.MappingNode):
        owner: tuple | None = None
        orphans: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(None, None, NOT_TEXT_KEY, key_node.start_mark)
            key_path = (*path, key_node.value)
            if key_path in doc.keys:
                doc.duplicate_keys.append(key_path)
            doc.keys[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _index(value_node, key_path, doc)
            if node.flow_style and owner is not None and _without_colon(key_node, value_node, doc.text):
                orphans.append(key_node)
                continue
            if orphans and owner is not None:
                _note_split(owner, orphans, path, doc)
            owner, orphans = (key_node, value_node), []
        if orphans and owner is not None:
            _note_split(owner, orphans, path, doc)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), doc)


def _note_comment(node: yaml.ScalarNode, path: Path_, doc: YamlDoc) -> None:
    """Remember a `` #`` comment after a plain value, to judge once the field's type is known."""
    lines = doc.lines
    end = node.end_mark
    if node.value == "" or end.line >= len(lines):
        return
    rest = lines[end.line][end.column :]
    m = re.match(r"\s+#(.*)$", rest)
    if m and m[1].strip():
        key = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
        doc.comments[path] = Comment(
            end.line + 1, end.column + len(rest) - len(rest.lstrip()) + 1, key, node.value, m[1].strip()
        )


def _without_colon(key_node: yaml.ScalarNode, value_node: yaml.Node, text: str) -> bool:
    """A key of a ``{ … }`` entry written without a colon: the piece after a comma in a value."""
    if not isinstance(value_node, yaml.ScalarNode) or value_node.value or value_node.style:
        return False
    after = text[key_node.end_mark.index :].lstrip(" ")
    return not after.startswith(":")


def _note_split(owner: tuple, orphans: list, path: Path_, doc: YamlDoc) -> None:
    """``{description: Semen, pasir dan kerikil, amount: 1,5 juta}``: join a value with the pieces cut off it."""
    owner_key, owner_value = owner
    if not isinstance(owner_value, yaml.ScalarNode) or owner_value.style or not owner_value.value:
        return
    whole = doc.text[owner_value.start_mark.index : orphans[-1].end_mark.index]
    key_path = (*path, owner_key.value)
    doc.splits[key_path] = Split(whole, tuple(k.value for k in orphans))


# --- reading ------------------------------------------------------------------------------------


def read_text(path: Path, rel: str, language: str = DEFAULT_LANGUAGE) -> tuple[str, Problem | None]:
    """The file as text (UTF-8, with or without BOM; any line endings), or the line where it is not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        return "", Problem(
            rel,
            None,
            None,
            "",
            say(language, "file.unreadable", reason=err.strerror),
            say(language, "file.unreadable.hint"),
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        saved_as = say(
            language, "file.not_utf8.utf16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "file.not_utf8.ansi"
        )
        return "", Problem(
            rel, line, None, "", say(language, "file.not_utf8", saved_as=saved_as), say(language, "file.not_utf8.hint")
        )


def read_yaml(path: Path, rel: str, language: str = DEFAULT_LANGUAGE) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``path``; on failure return no document and the problems found."""
    text, problem = read_text(path, rel, language)
    if problem:
        return None, [problem]
    return parse_yaml(text, rel, language)


def parse_yaml(text: str, rel: str, language: str = DEFAULT_LANGUAGE) -> tuple[YamlDoc | None, list[Problem]]:
    def problem(line, col, key, **values) -> Problem:
        return Problem(rel, line, col, "", say(language, key, **values), say(language, key + ".hint", **values))

    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [problem(1, 1, "file.empty")]
    if found := character_problems(text, rel, language):
        return None, found
    if (parsed := _read_fast(rel, text, language)) is not None:
        return parsed, _duplicates(parsed)
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as err:
        line, col = _position(text, err.position)
        return None, [problem(line, col, "char.control", code=f"{err.character:#06x}")]
    doc = YamlDoc(rel, None, language=language, text=text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [problem(1, 1, "file.empty")]
        _index_within_limits(node, doc)
        doc.data = loader.construct_document(node)
    except yaml.reader.ReaderError as err:
        line, col = _position(text, err.position)
        return None, [problem(line, col, "char.control", code=f"{err.character:#06x}")]
    except yaml.MarkedYAMLError as err:
        return None, [_unclosed_quote(rel, text, err, language) or syntax_problem(rel, text, err, language)]
    except yaml.YAMLError:
        return None, [problem(None, None, "yaml.generic")]
    except (_TooLarge, RecursionError):
        return None, [problem(1, 1, "file.too_large")]
    finally:
        loader.dispose()
    return doc, _duplicates(doc)


def _position(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _read_fast(rel: str, text: str, language: str) -> YamlDoc | None:
    """The usual valid file, parsed by libyaml; None lets the pure-Python loader above name any problem."""
    if _FastLoader is None:
        return None
    loader = _FastLoader(text)
    doc = YamlDoc(rel, None, language=language, text=text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _index_within_limits(node, doc)
        doc.data = loader.construct_document(node)
    except Exception:
        return None
    finally:
        loader.dispose()
    return doc


def _duplicates(doc: YamlDoc) -> list[Problem]:
    return [
        doc.problem(key_path, doc.say("yaml.duplicate_key"), doc.say("yaml.duplicate_key.hint"), key=True)
        for key_path in doc.duplicate_keys
    ]


# --- characters that look like something else ---------------------------------------------------

INVISIBLE = {
    "\u200b": "char.name.zwsp",
    "\ufeff": "char.name.bom",
    "\u2060": "char.name.joiner",
    "\u180e": "char.name.zwsp",
    "\u200e": "char.name.direction",
    "\u200f": "char.name.direction",
    "\u202a": "char.name.direction",
    "\u202c": "char.name.direction",
    "\u00ad": "char.name.soft_hyphen",
}
"""Characters that show as nothing; zero-width joiners are left alone, emoji need them."""
NO_BREAK = "\u00a0\u202f\u2007"
CURLY = "\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb"
_SUSPECT = re.compile("[" + re.escape("".join(INVISIBLE) + NO_BREAK + CURLY) + "]")
VALUE_START = re.compile(r"(?:^|:\s|^\s*-\s|[\[{,]\s*)\s*$")


def character_problems(text: str, rel: str, language: str = DEFAULT_LANGUAGE) -> list[Problem]:
    """Invisible spaces, a BOM inside the file and curly quotes: each named, with its line and character."""
    if not _SUSPECT.search(text):
        return []  # the usual file: one search instead of a look at every character
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        key_end = _key_end(line)
        for i, ch in enumerate(line):
            col = i + 1
            if ch in INVISIBLE:
                out.append(
                    Problem(
                        rel,
                        number,
                        col,
                        "",
                        say(language, "char.invisible", name=say(language, INVISIBLE[ch]), code=f"U+{ord(ch):04X}"),
                        say(language, "char.invisible.hint", column=col),
                    )
                )
            elif ch in NO_BREAK and (
                not line[:i].strip() or i <= key_end + 1 or line[:i].rstrip().endswith((":", "-"))
            ):
                out.append(
                    Problem(
                        rel,
                        number,
                        col,
                        "",
                        say(language, "char.nbsp", code=f"U+{ord(ch):04X}"),
                        say(language, "char.nbsp.hint", column=col),
                    )
                )
            elif ch in CURLY and VALUE_START.search(line[:i]):
                out.append(
                    Problem(
                        rel,
                        number,
                        col,
                        "",
                        say(language, "char.curly_quote", char=ch),
                        say(language, "char.curly_quote.hint"),
                    )
                )
    return out


def _key_end(line: str) -> int:
    """Where the ``name:`` of a line ends (the colon's index), or -1 on a line without one."""
    m = re.match(r"^[\s\u00a0\u202f\u2007]*(?:-\s+)?([^\s'\"#:][^:#]*?):(?:\s|$)", line)
    return m.end(1) if m else -1


# --- syntax errors ----------------------------------------------------------------------------------

OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s'"#][^:#]*:\s+)?(['"])(.*)$""")


def _unclosed_quote(rel: str, text: str, err: yaml.MarkedYAMLError, language: str) -> Problem | None:
    """A quote left open swallows the lines up to the next quote, and YAML complains only there.

    Name the nearest earlier line whose quoted value does not close on that line,
    if closing it there makes the whole file readable.
    """
    mark = err.problem_mark
    if mark is None or isinstance(err, yaml.constructor.ConstructorError):
        return None
    lines = text.splitlines()
    tried = 0
    for number in range(min(mark.line, len(lines)) - 1, -1, -1):
        m = OPENS_QUOTE.match(lines[number])
        if (
            not m
            or m[1] in m[2].replace("''", "").replace('\\"', "")
            or not lines[number][: m.start(1)].rstrip().endswith((":", "-"))
        ):
            continue
        quote = m[1]
        if _parses("\n".join([*lines[:number], lines[number] + quote, *lines[number + 1 :]])):
            return Problem(
                rel,
                number + 1,
                m.start(1) + 1,
                "",
                say(language, "yaml.quote_open_here", quote=quote, line=mark.line + 1),
                say(language, "yaml.quote_open_here.hint", quote=quote),
            )
        tried += 1
        if tried == 5:
            break
    return None


def _parses(text: str) -> bool:
    try:
        yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return False
    return True


def _found(problem: str) -> str:
    m = re.search(r"found (?:character )?'(.+?)'", problem) or re.search(r"alias '(.+?)'", problem)
    return m[1] if m else ""


def syntax_problem(rel: str, text: str, err: yaml.MarkedYAMLError, language: str = DEFAULT_LANGUAGE) -> Problem:
    """One parser error in the editor's words: which mistake it is, where it really is, and what to write."""
    problem_mark, context_mark = err.problem_mark, err.context_mark
    mark = problem_mark or context_mark
    problem = (err.problem or "").strip()
    context = (err.context or "").strip()
    lines = text.splitlines()
    values: dict[str, Any] = {}

    def at(m) -> tuple[int | None, int | None]:
        return (m.line + 1, m.column + 1) if m else (None, None)

    where = at(mark)
    if problem == NOT_TEXT_KEY or "unhashable key" in problem:
        key = "yaml.key_not_text"
    elif "tag" in problem or "tag" in context:
        tag = re.search(r"'(![^']*)'", problem) or re.search(r"'(tag:[^']+)'", problem)
        line = lines[mark.line] if mark and mark.line < len(lines) else ""
        shown = tag[1] if tag else (re.search(r"!\S*", line) or [""])[0]
        key, values = "yaml.tag", {"tag": shown.replace("tag:yaml.org,2002:", "!!")}
    elif "quoted scalar" in context and ("end of stream" in problem or "document separator" in problem):
        key, where = "yaml.quote_unclosed", at(context_mark)
    elif "escape" in problem:
        key = "yaml.escape"
    elif "'\\t'" in problem:
        key = "yaml.tab"
    elif "alias" in context or "anchor" in context or "undefined alias" in problem or "duplicate anchor" in context:
        char = "&" if "anchor" in context else "*"
        key, values = "yaml.special_start", {"char": char}
        where = at(context_mark if "while scanning" in context else problem_mark)
    elif "directive" in context:
        key, values, where = "yaml.special_start", {"char": "%"}, at(context_mark)
    elif "cannot start any token" in problem:
        char = _found(problem)
        key, values = ("yaml.special_start", {"char": char}) if char in "@`%" else ("yaml.unexpected", {"char": char})
    elif "mapping keys are not allowed" in problem:
        key, values = "yaml.special_start", {"char": "?"}
    elif "could not find expected ':'" in problem:
        key, where = "yaml.missing_colon", at(context_mark)
    elif "mapping values are not allowed" in problem:
        key = "yaml.colon"
        previous = _previous_line_without_colon(lines, mark.line if mark else 0)
        if previous is not None:
            key, where = "yaml.missing_colon", (previous + 1, len(lines[previous]) - len(lines[previous].lstrip()) + 1)
    elif "expected ',' or" in problem and context_mark:
        line = lines[context_mark.line] if context_mark.line < len(lines) else ""
        closing = "]" if "sequence" in context else "}"
        where = at(context_mark)
        if hash_mark := re.search(r"\s#", line[context_mark.column :]):
            key, where = "yaml.flow_comment", (context_mark.line + 1, context_mark.column + hash_mark.end())
        else:
            key, values = "yaml.bracket", {"open": "[" if closing == "]" else "{", "close": closing}
    elif "sequence entries are not allowed" in problem or ("block end" in problem and "'-'" in problem):
        key = "yaml.dash"
    elif "block scalar" in context:
        key = "yaml.block_scalar"
    elif "another document" in problem or "single document" in context:
        key = "yaml.two_documents"
    elif "document start" in problem:
        key = "yaml.after_end"
    elif "node content" in problem:
        key, values = "yaml.unexpected", {"char": _found(problem)}
    elif "block end" in problem or "did not find expected" in problem:
        key = "yaml.indent"
    else:
        key = "yaml.generic"
    hint = say(language, key + ".hint", **values)
    line = lines[where[0] - 1] if where[0] and where[0] <= len(lines) else ""
    if key in ("yaml.special_start", "yaml.colon") and (pair := _key_value(line)):
        hint_key = "yaml.quote_value.hint" if key == "yaml.special_start" else "yaml.colon_in_text.hint"
        if key == "yaml.special_start" or ": " in pair[1]:
            hint = say(language, hint_key, key=pair[0], whole=pair[1].replace("\\", "\\\\").replace('"', '\\"'))
    return Problem(rel, *where, "", say(language, key, **values), hint, language)


def _key_value(line: str) -> tuple[str, str] | None:
    """``title: Rapat: Jalan`` → ``("title", "Rapat: Jalan")``: to show the line as it should be written."""
    m = re.match(r"^\s*(?:-\s+)?([^\s:#'\"][^:#]*?):\s+(\S.*?)\s*$", line)
    return (m[1], m[2]) if m and not m[2].startswith(("'", '"', "|", ">", "{", "[")) else None


def _previous_line_without_colon(lines: list[str], number: int) -> int | None:
    """``title Perbaikan`` over ``sector: lingkungan``: YAML reads both as one text and stumbles on the second."""
    if number >= len(lines) or number == 0:
        return None
    indent = len(lines[number]) - len(lines[number].lstrip())
    for i in range(number - 1, -1, -1):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(line) - len(line.lstrip()) != indent or ":" in line or line.lstrip().startswith(("-", "'", '"')):
            return None
        before = [b for b in lines[:i] if b.strip() and not b.lstrip().startswith("#")]
        if before and len(before[-1]) - len(before[-1].lstrip()) < indent:
            return None  # the first line of a text that goes on under its field: a colon in the text
        return i
    return None
