"""The JSON Schemas as editors' YAML language servers read them: ``schema/*.schema.json`` of a site.

VS Code's YAML extension validates with JSON Schema draft-07 and flags a draft
2020-12 schema as "not yet fully supported". The schemas from :mod:`bkm_site.schema`
use nothing draft-07 lacks except one thing: a ``$ref`` with a description beside
it, which draft-07 ignores. So they are declared draft-07, and each such ``$ref``
is wrapped in ``allOf`` to keep its description on hover.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .schema import schemas

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = "schema"
"""Where a site keeps them, beside ``data/``."""


def editor_schemas() -> dict[str, dict]:
    return {name: {**_draft_07(schema), "$schema": DRAFT_07} for name, schema in schemas().items()}


def write_schemas(out_dir: Path) -> list[Path]:
    """One ``<name>.schema.json`` per data file; the data files' modelines point here."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in editor_schemas().items():
        path = out_dir / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _draft_07(node: Any) -> Any:
    if isinstance(node, list):
        return [_draft_07(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _draft_07(value) for key, value in node.items()}
    if "$ref" in node and len(node) > 1:
        ref = node.pop("$ref")
        node["allOf"] = [{"$ref": ref}]
    return node
