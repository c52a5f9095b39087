"""Pydantic's validation errors, said in the site's language with a fix, never in pydantic's words."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, RootModel
from pydantic_core import ErrorDetails

from ..models.common import SAY, SAY_HINT
from .problems import Problem
from .yamlfile import YamlDoc

_TYPE_WORDS = {
    "string_type": "type.text",
    "int_type": "type.int",
    "int_parsing": "type.int",
    "int_from_float": "type.int",
    "int_parsing_size": "type.int",
    "float_type": "type.number",
    "float_parsing": "type.number",
    "finite_number": "type.number",
    "bool_type": "type.bool",
    "bool_parsing": "type.bool",
    "list_type": "type.list",
    "dict_type": "type.mapping",
    "model_type": "type.mapping",
    "model_attributes_type": "type.mapping",
}
"""pydantic's error type → the catalogue's message (``<key>``) and hint (``<key>.hint``)."""
YAML11_BOOLS = {w: w in ("yes", "y", "on", "true") for w in ("yes", "no", "y", "n", "on", "off", "true", "false")}
"""Words YAML 1.1 read as booleans; YAML 1.2 (VS Code, and this loader) reads them as text."""
THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
"""``75.000``: Indonesian thousands, which YAML reads as the decimal 75.0."""


def describe_all(errors: list[ErrorDetails], model: type[BaseModel], doc: YamlDoc) -> list[Problem]:
    """Every error as a problem, except a required field reported missing because its name was misspelt:
    the misspelling's own "did you mean" says it all."""
    misspelt = {
        (*tuple(e["loc"][:-1]), _closest_field(model, tuple(e["loc"])))
        for e in errors
        if e["type"] == "extra_forbidden"
    }
    return [describe(e, model, doc) for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in misspelt)]


def describe(error: ErrorDetails, model: type[BaseModel], doc: YamlDoc) -> Problem:
    """One pydantic error as a located problem for the editor."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    written = _short(doc.raw.get(loc))
    if kind == "missing":
        return doc.problem(loc, doc.say("field.missing"), doc.say("field.missing.hint", name=loc[-1]))
    if kind == "extra_forbidden":
        return doc.problem(loc, doc.say("field.unknown", name=loc[-1]), _did_you_mean(model, loc, doc), key=True)
    if kind == "literal_error":
        allowed = [str(a) for a in _literal_choices(model, loc)]
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        choices = ", ".join(allowed)
        hint = doc.say("field.choice.hint", choices=choices) + (
            doc.say("field.choice.close", name=close[0]) if close else ""
        )
        if value is None:
            return doc.problem(loc, doc.say("field.empty"), hint)
        return doc.problem(loc, doc.say("field.choice", value=written or value, choices=choices), hint)
    if value is None and kind in _TYPE_WORDS:
        return doc.problem(loc, doc.say("field.empty") + " " + doc.say(_TYPE_WORDS[kind]), doc.say("field.empty.hint"))
    if kind == "money_float" and written and THOUSANDS.fullmatch(written):
        return doc.problem(
            loc,
            doc.say("value.money.thousands", value=written),
            doc.say("value.money.thousands.hint", digits=written.replace(".", "")),
        )
    if kind == "quote_number" and written:
        return doc.problem(loc, doc.say("value.quote_number", value=written), doc.say("value.quote_number.hint"))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = _bounds(model, loc)
        span = (
            doc.say("field.span.between", low=low, high=high)
            if low is not None and high is not None
            else doc.say("field.span.min", low=ctx.get("ge", ctx.get("gt")))
            if high is None
            else doc.say("field.span.max", high=high)
        )
        return doc.problem(
            loc, doc.say("field.out_of_range", value=value, span=span), doc.say("field.out_of_range.hint", span=span)
        )
    if kind == "bool_type" and isinstance(value, str) and value.strip().lower() in YAML11_BOOLS:
        answer = "true" if YAML11_BOOLS[value.strip().lower()] else "false"
        return doc.problem(loc, doc.say("yaml.bool_word", value=value), doc.say("yaml.bool_word.hint", answer=answer))
    if kind == "string_too_long" and isinstance(value, str):
        topic = {"title": "limit.title", "summary": "limit.summary"}.get(str(loc[-1]), "limit.text")
        values = {"length": len(value.strip()), "limit": ctx.get("max_length")}
        return doc.problem(loc, doc.say(topic, **values), doc.say(topic + ".hint", **values))
    if kind in _TYPE_WORDS:
        shown = doc.say("field.written", value=written) if written else ""
        return doc.problem(loc, doc.say(_TYPE_WORDS[kind]) + shown, doc.say(_TYPE_WORDS[kind] + ".hint"))
    if SAY in ctx:
        values = {k: v for k, v in ctx.items() if k not in (SAY, SAY_HINT)}
        return doc.problem(loc, doc.say(ctx[SAY], **values), doc.say(ctx[SAY_HINT], **values))
    return doc.problem(loc, doc.say("value.generic"), doc.say("value.generic.hint"))


def _short(text: str | None, limit: int = 60) -> str | None:
    """Source text as typed, cut so one line of the report stays readable."""
    if text is None:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_annotation(model: Any, loc: tuple) -> Any:
    """Walk model annotations along ``loc`` to the annotation found there."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, RootModel) and isinstance(part, int):
            annotation = _unwrap(annotation.model_fields["root"].annotation)
        if isinstance(part, int):
            args = get_args(annotation)
            annotation = args[0] if args else Any
        elif isinstance(annotation, type) and issubclass(annotation, RootModel):
            annotation = annotation.model_fields["root"].annotation
            annotation = get_args(_unwrap(annotation))[0] if get_args(_unwrap(annotation)) else Any
            annotation = _unwrap(annotation)
            field = (
                annotation.model_fields.get(part)
                if isinstance(annotation, type) and issubclass(annotation, BaseModel)
                else None
            )
            annotation = field.annotation if field else Any
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else Any
        else:
            return Any
    return annotation


def _unwrap(annotation: Any) -> Any:
    """Drop ``Optional`` and ``Annotated`` layers."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _model_at(model: Any, loc: tuple) -> Any:
    target = _unwrap(_field_annotation(model, loc))
    if get_origin(target) is list:
        target = _unwrap(get_args(target)[0])
    if isinstance(target, type) and issubclass(target, RootModel):
        target = _unwrap(get_args(_unwrap(target.model_fields["root"].annotation))[0])
    return target


def _known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names the editor may write at ``loc`` (a mapping's path)."""
    parent = _model_at(model, loc)
    if isinstance(parent, type) and issubclass(parent, BaseModel):
        return [name for name, f in parent.model_fields.items() if not f.exclude]
    return []


def _closest_field(model: type[BaseModel], loc: tuple) -> str | None:
    """The known field an unknown key at ``loc`` is probably a misspelling of."""
    close = difflib.get_close_matches(str(loc[-1]).lower(), _known_fields(model, loc[:-1]), n=1, cutoff=0.6)
    return close[0] if close else None


def _did_you_mean(model: type[BaseModel], loc: tuple, doc: YamlDoc) -> str:
    known = _known_fields(model, loc[:-1])
    if close := _closest_field(model, loc):
        return doc.say("field.did_you_mean", name=close)
    if known:
        return doc.say("field.known", names=", ".join(known))
    return doc.say("field.drop")


def _literal_choices(model: type[BaseModel], loc: tuple) -> tuple:
    annotation = _unwrap(_field_annotation(model, loc))
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    return ()


def _bounds(model: type[BaseModel], loc: tuple) -> tuple[Any, Any]:
    parent = _model_at(model, loc[:-1])
    low = high = None
    if isinstance(parent, type) and issubclass(parent, BaseModel) and loc[-1] in parent.model_fields:
        for meta in parent.model_fields[loc[-1]].metadata:
            low = getattr(meta, "ge", low) if getattr(meta, "ge", None) is not None else low
            high = getattr(meta, "le", high) if getattr(meta, "le", None) is not None else high
    return low, high
