"""Read one YAML file safely, keeping the line and column of every value.

Dates stay text here (pydantic parses them) so that an impossible date such as
2025-02-30 becomes a located field error instead of a crash; Python-object tags
are refused by the safe loader and reported in plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Path_ = tuple


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamp resolution, and tolerant of odd floats."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _float_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_float(node)
    except ValueError:
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:float", _float_or_text)


NOT_TEXT_KEY = "nama kolom harus berupa teks biasa, bukan daftar atau kumpulan"


def _text_keys(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    """A mapping whose keys are the text as typed: ``2025:`` or ``no:`` are names, not numbers or booleans.

    ``_index`` has already refused keys that are not plain text.
    """
    loader.flatten_mapping(node)
    mapping: dict = {}
    for key_node, value_node in node.value:
        mapping[key_node.value] = loader.construct_object(value_node)
    return mapping


def _yaml_map(loader: yaml.SafeLoader, node: yaml.MappingNode):
    data: dict = {}
    yield data
    data.update(_text_keys(loader, node))


_Loader.add_constructor("tag:yaml.org,2002:map", _yaml_map)


_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """The same loader on libyaml's C parser: about twenty times faster on a valid file."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader.add_constructor("tag:yaml.org,2002:float", _float_or_text)
    _FastLoader.add_constructor("tag:yaml.org,2002:map", _yaml_map)

MAX_NODES = 200_000
"""More values than any BKM file holds: a guard against alias bombs (``&a [*a, *a, ...]``)."""


class _TooLarge(Exception):
    pass


@dataclass
class YamlDoc:
    """Parsed data plus where each value stands in the file (1-based)."""

    rel: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    duplicate_keys: list[Path_] = field(default_factory=list)

    def where(self, path: Path_, key: bool = False) -> tuple[int | None, int | None]:
        """Position of ``path``, or of its nearest ancestor that exists."""
        index = self.keys if key and path in self.keys else self.values
        path = tuple(path)
        while path and path not in index:
            path = path[:-1]
            index = self.values
        return index.get(path, (1, 1))

    def problem(self, path: Path_, message: str, hint: str | None = None, key: bool = False) -> Problem:
        from .problems import field_label

        line, col = self.where(path, key)
        return Problem(self.rel, line, col, field_label(path), message, hint)


def _index(node: yaml.Node, path: Path_, doc: YamlDoc) -> None:
    if len(doc.values) >= MAX_NODES or len(path) > 50:
        raise _TooLarge
    doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        doc.raw[path] = node.value
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(None, None, NOT_TEXT_KEY, key_node.start_mark)
            key = key_node.value
            if (*path, key) in doc.keys:
                doc.duplicate_keys.append((*path, key))
            doc.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _index(value_node, (*path, key), doc)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), doc)


def read_text(path: Path, rel: str) -> tuple[str, Problem | None]:
    """The file as text (UTF-8, with or without BOM; any line endings), or the line where it is not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        return "", Problem(
            rel,
            None,
            None,
            "",
            f"Berkas ini tidak bisa dibuka ({err.strerror}).",
            "Periksa apakah berkasnya ada dan boleh dibaca.",
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        saved_as = (
            'UTF-16 ("Unicode" di Notepad)'
            if raw[:2] in (b"\xff\xfe", b"\xfe\xff")
            else "ANSI/Windows-1252 dari Excel atau Word"
        )
        return "", Problem(
            rel,
            line,
            None,
            "",
            f"Berkas ini bukan teks UTF-8 (mungkin disimpan sebagai {saved_as}).",
            "Simpan ulang sebagai UTF-8: di Notepad pilih Save As → Encoding: UTF-8; di VS Code klik encoding di pojok kanan bawah.",
        )


def read_yaml(path: Path, rel: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``path``; on failure return no document and the problems found."""
    text, problem = read_text(path, rel)
    if problem:
        return None, [problem]
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [
            Problem(
                rel,
                1,
                1,
                "",
                "Berkas ini kosong.",
                "Isi datanya sesuai contoh di dokumentasi format data, atau hapus berkasnya.",
            )
        ]
    if (parsed := _read_fast(rel, text)) is not None:
        return parsed, _duplicates(parsed)
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as err:
        return None, [
            Problem(
                rel,
                text[: err.position].count("\n") + 1,
                None,
                "",
                f"Ada karakter kontrol yang tidak terlihat (kode {err.character:#06x}) di baris ini, mungkin terbawa dari salin-tempel.",
                "Ketik ulang baris ini tanpa salin-tempel, atau hapus karakter anehnya.",
            )
        ]
    doc = YamlDoc(rel, None)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(rel, 1, 1, "", "Berkas ini kosong.", "Isi datanya, atau hapus berkasnya.")]
        _index(node, (), doc)
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        return None, [_unclosed_quote(rel, text, err) or _syntax_problem(rel, err)]
    except yaml.YAMLError as err:
        return None, [
            Problem(
                rel,
                None,
                None,
                "",
                f"Isi berkas tidak bisa dibaca sebagai YAML ({err}).",
                "Periksa tanda kutip, titik dua dan spasi di awal baris.",
            )
        ]
    except (_TooLarge, RecursionError):
        return None, [
            Problem(
                rel,
                1,
                1,
                "",
                "Berkas ini terlalu besar atau terlalu bertingkat setelah alias (&nama / *nama) dijabarkan.",
                "Tulis datanya apa adanya tanpa alias; satu berkas untuk satu program atau laporan.",
            )
        ]
    finally:
        loader.dispose()
    return doc, _duplicates(doc)


def _read_fast(rel: str, text: str) -> YamlDoc | None:
    """The usual valid file, parsed by libyaml; None lets the pure-Python loader above name any problem."""
    if _FastLoader is None:
        return None
    loader = _FastLoader(text)
    doc = YamlDoc(rel, None)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _index(node, (), doc)
        doc.data = loader.construct_document(node)
    except Exception:
        return None
    finally:
        loader.dispose()
    return doc


def _duplicates(doc: YamlDoc) -> list[Problem]:
    return [
        doc.problem(
            key_path,
            "Nama kolom ini ditulis dua kali; hanya yang terakhir akan terbaca.",
            "Hapus salah satunya.",
            key=True,
        )
        for key_path in doc.duplicate_keys
    ]


OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s'"#][^:#]*:\s+)?(['"])(.*)$""")


def _unclosed_quote(rel: str, text: str, err: yaml.MarkedYAMLError) -> Problem | None:
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
        if _parses("\n".join([*lines[:number], lines[number] + quote, *lines[number + 1:]])):
            return Problem(
                rel,
                number + 1,
                m.start(1) + 1,
                "",
                f"Tanda kutip {quote} yang dibuka di sini belum ditutup, sehingga YAML baru tersandung di baris {mark.line + 1}.",
                f"Tutup teksnya dengan {quote} di akhir baris ini, atau hapus tanda kutip pembukanya.",
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


def _syntax_problem(rel: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem = (err.problem or "").strip()
    if isinstance(err, yaml.constructor.ConstructorError) and "tag" in problem:
        tag = re.search(r"'([^']+)'", problem)
        return Problem(
            rel,
            line,
            col,
            "",
            f"Tanda khusus YAML {tag[1] if tag else ''} tidak diizinkan: data hanya boleh berisi teks, angka, daftar dan pasangan nama: nilai.".replace(
                "  ", " "
            ),
            "Hapus tanda yang diawali ! itu; tulis nilainya sebagai teks biasa.",
        )
    context = (err.context or "").strip()
    if "quoted scalar" in context and "end of stream" in problem and err.context_mark:
        return Problem(
            rel,
            err.context_mark.line + 1,
            err.context_mark.column + 1,
            "",
            "Tanda kutip yang dibuka di sini tidak pernah ditutup.",
            "Tambahkan tanda kutip penutup yang sama (' atau \") di akhir teksnya.",
        )
    if "expected ',' or" in problem and err.context_mark:
        closing = "]" if "sequence" in context else "}"
        return Problem(
            rel,
            err.context_mark.line + 1,
            err.context_mark.column + 1,
            "",
            f"Kurung {'[' if closing == ']' else '{'} yang dibuka di sini belum ditutup dengan {closing}.",
            f"Tambahkan {closing} di akhir daftar; teks yang memuat koma atau titik dua diapit tanda kutip.",
        )
    if problem == NOT_TEXT_KEY:
        message, hint = "Nama kolom harus berupa teks biasa.", "Hapus kurung [ ] atau { } di depan titik dua."
    elif "found another document" in problem:
        message, hint = (
            "Berkas ini berisi lebih dari satu dokumen YAML (ada baris '---' di tengah).",
            "Hapus baris --- ini; satu berkas hanya untuk satu program atau laporan.",
        )
    elif "escape character" in problem:
        message, hint = (
            'Ada garis miring terbalik (\\) di dalam tanda kutip dua (").',
            "Pakai tanda kutip tunggal ('...') untuk teks yang memuat \\.",
        )
    elif "found character '\\t'" in problem:
        message, hint = "Ada karakter Tab untuk menjorok.", "YAML hanya memakai spasi: ganti Tab dengan dua spasi."
    elif "mapping values are not allowed" in problem:
        message, hint = (
            "Ada titik dua (:) di tempat yang tidak terduga, atau baris ini tidak sejajar dengan baris di atasnya.",
            'Jika teksnya memang memuat titik dua, apit seluruh teks dengan tanda kutip, misalnya title: "Rapat: Tahap I". Periksa juga jarak menjorok baris ini dan baris sebelumnya.',
        )
    elif "expected <block end>" in problem or "did not find expected" in problem:
        message, hint = (
            "Susunan menjorok (spasi di awal baris) tidak cocok dengan baris sebelumnya.",
            "Samakan jumlah spasi dengan baris lain di tingkat yang sama; isi daftar diawali '- '.",
        )
    elif "found duplicate" in problem or "duplicate" in problem:
        message, hint = "Nama kolom ditulis dua kali.", "Hapus salah satunya."
    else:
        message, hint = (
            f"Penulisan YAML tidak benar ({problem}).",
            "Periksa tanda kutip, titik dua dan spasi di awal baris ini.",
        )
    return Problem(rel, line, col, "", message, hint)
