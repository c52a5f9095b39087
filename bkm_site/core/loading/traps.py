"""Mistakes YAML lets through without a word: a `` #`` that cuts a text short, a comma that cuts a
``{ … }`` entry's value into a field name.

Both are judged with the field's type in hand: after a number, a date, a code or
one of a list of choices a comment is fine, and a cut money value is left to the
money message, which then sees the whole text the editor typed.
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, PlainValidator, WrapValidator

from .messages import _model_at
from .problems import Problem, field_label
from .yamlfile import YamlDoc

VALIDATORS = (AfterValidator, BeforeValidator, PlainValidator, WrapValidator)


def free_text(model: type[BaseModel], path: tuple) -> bool:
    """Whether the field at ``path`` holds free text (a title, a description), not a code, date, number or choice."""
    index = None
    if path and isinstance(path[-1], int):
        index, path = path[-1], path[:-1]
    if not path or not isinstance(path[-1], str):
        return False
    parent = _model_at(model, path[:-1])
    info = parent.model_fields.get(path[-1]) if isinstance(parent, type) and issubclass(parent, BaseModel) else None
    if info is None or (index is None and any(isinstance(m, VALIDATORS) for m in info.metadata)):
        return False
    annotation: Any = info.annotation
    if get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else None
    if index is not None:
        if get_origin(annotation) is not list:
            return False
        annotation = get_args(annotation)[0]
    return annotation is str and get_origin(annotation) is not Annotated


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar the editor can copy."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def comment_problems(model: type[BaseModel], doc: YamlDoc) -> list[Problem]:
    """A `` #`` after a plain text value: the text after it is lost, so say what was dropped."""
    out = []
    for path, comment in doc.comments.items():
        if not free_text(model, path) or path in doc.splits:
            continue
        line, start = doc.values[path]
        whole = (
            doc.lines[line - 1][start - 1 :].rstrip() if line == comment.line else f"{comment.kept} #{comment.dropped}"
        )
        out.append(
            Problem(
                doc.rel,
                comment.line,
                comment.column,
                field_label(path),
                doc.say("yaml.comment_dropped", kept=comment.kept, dropped="#" + comment.dropped),
                doc.say("yaml.comment_dropped.hint", key=comment.key, whole=quoted(whole)),
                doc.language,
            )
        )
    return out


def mend_splits(model: type[BaseModel], doc: YamlDoc) -> list[Problem]:
    """Join each value a comma cut in a ``{ … }`` entry, so the field sees what was typed; name the comma in text."""
    out = []
    for path, split in doc.splits.items():
        parent = _container(doc.data, path[:-1])
        if not isinstance(parent, dict):
            continue
        parent[path[-1]] = split.whole
        for piece in split.pieces:
            parent.pop(piece, None)
        doc.raw[path] = split.whole
        if free_text(model, path):
            out.append(
                doc.problem(
                    path,
                    doc.say("yaml.flow_comma", key=path[-1], piece=split.pieces[0]),
                    doc.say("yaml.flow_comma.hint", key=path[-1], whole=quoted(split.whole)),
                )
            )
    return out


def _container(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
