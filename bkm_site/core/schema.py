"""JSON Schema of the data files, from the pydantic models: one source for the open-data
page, ``bkm-site schema`` and editors' YAML language servers.

Fields the loader fills in itself (a programme's or report's ``slug``, taken from
the file name) are left out: writing them in the file is an error.
"""

from __future__ import annotations

import copy
import functools

from pydantic import BaseModel

from .models import Achievements, Plan, Profile, Programme, Report
from .models.extras import Partners

DATA_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "bkm": ("bkm.yml", Profile),
    "programme": ("programmes/<slug>.yml", Programme),
    "report": ("reports/<slug>.yml", Report),
    "partners": ("partners.yml", Partners),
    "plan": ("plan.yml", Plan),
    "achievements": ("achievements.yml", Achievements),
}
"""Schema name → (the data file it describes, its model)."""


def schemas() -> dict[str, dict]:
    """Schema name → JSON Schema (draft 2020-12) of that data file; the caller's own copy."""
    return copy.deepcopy(_schemas())


@functools.cache
def _schemas() -> dict[str, dict]:
    """Made once per process: the models do not change, and each build (every rebuild of serve) asks again."""
    return {name: schema_of(model, path) for name, (path, model) in DATA_FILES.items()}


def schema_of(model: type[BaseModel], path: str) -> dict:
    schema = model.model_json_schema(mode="validation")
    for name, field in model.model_fields.items():
        if field.exclude:
            schema.get("properties", {}).pop(name, None)
            if name in schema.get("required", []):
                schema["required"].remove(name)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": schema.pop("title", model.__name__),
        "description": f"data/{path}: " + (schema.pop("description", "") or "").strip(),
        **schema,
    }
