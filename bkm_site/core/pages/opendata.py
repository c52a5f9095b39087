"""The open-data catalogue (data terbuka): every dataset's files, stable addresses and fields.

Written as the page's Markdown, so search finds field names and MkDocs checks
(under ``--strict``) that every linked file exists: the exports are site files.
"""

from __future__ import annotations

import posixpath

from ..exports import CATALOGUE_URI, DATA_SCHEMA_DIR, Dataset, available
from ..formatting import Formatter
from ..models.site import SiteData
from ..schema import DATA_FILES
from ..strings import Strings
from ..urls import EXPORT_DIR, OPENDATA
from .spec import PageSpec, escape_markdown


def _link(uri: str) -> str:
    """A Markdown link from the catalogue page to a site file, showing its stable address."""
    return f"[`{uri}`]({posixpath.relpath(uri, EXPORT_DIR)})"


def dataset_section(dataset: Dataset, t: Strings, english: bool) -> str:
    rows = "".join(
        f"| `{c.name}` | {t('opendata.type.' + c.type)}{t('opendata.optional') if c.optional else ''} | "
        f"{escape_markdown(c.en if english else c.id)} |\n"
        for c in dataset.columns
    )
    return (
        f"## {dataset.name}\n\n{escape_markdown(dataset.en if english else dataset.id)}\n\n"
        f"- JSON: {_link(dataset.json_uri)}\n- CSV: {_link(dataset.csv_uri)}\n- JSON Schema: "
        f"{_link(dataset.schema_uri)}\n\n"
        f"| {t('opendata.col.field')} | {t('opendata.col.type')} | {t('opendata.col.meaning')} |\n|---|---|---|\n{rows}"
    )


def coverage_text(site: SiteData, t: Strings, fmt: Formatter) -> str:
    """Which periods the reports (and so the transactions) cover, and the gaps, as ``catalogue.json`` says."""
    ledger = site.ledger
    covered = ", ".join(fmt.stretch(s.start, s.end) for s in ledger.coverage)
    text = t("ledger.opendata_covered", stretches=covered)
    if ledger.gaps:
        text += " " + t("ledger.gap", stretches="; ".join(fmt.stretch(g.start, g.end) for g in ledger.gaps))
    return text


def opendata_page(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    datasets = available(site)
    english = fmt.locale == "en"
    schemas = "".join(
        f"- `data/{path}`: {_link(f'{DATA_SCHEMA_DIR}/{name}.schema.json')}\n" for name, (path, _) in DATA_FILES.items()
    )
    parts = [
        t("opendata.intro", name=escape_markdown(site.profile.name)),
        f"## {t('opendata.formats')}\n\n{t('opendata.formats_text')}\n\n{t('opendata.catalogue')} "
        f"{_link(CATALOGUE_URI)}",
        *([coverage_text(site, t, fmt)] if site.reports else []),
        *(dataset_section(d, t, english) for d in datasets),
        f"## {t('opendata.data_schemas')}\n\n{t('opendata.data_schemas_text')}\n\n{schemas}",
    ]
    return [
        PageSpec(
            src_uri=OPENDATA,
            title=t("nav.opendata"),
            template="bkm/opendata.html",
            body="\n\n".join(parts) + "\n",
            description=t("opendata.description", name=site.profile.name),
        )
    ]
