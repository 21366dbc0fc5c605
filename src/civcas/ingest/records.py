"""One record (contract 1 field names) to a `Report`, shared by the JSON and CSV readers."""

from __future__ import annotations

from collections.abc import Mapping

from civcas.ingest.dates import parse_published, stamped_date, url_date
from civcas.ingest.errors import BadItem
from civcas.ingest.normalize import clean_field, normalize_text
from civcas.model import Report


def report_from_fields(fields: Mapping[str, object], source: str) -> Report:
    """A Report from contract-1 fields; other keys (gold `incidents`, ...) are ignored.

    Without an id the Report gets its content-hash id, so re-reading gives the same id. Without
    a publication date, a copied social-media post's own time stamp stands for it, else the
    date its address gives (a post id that carries its time, a /2019/01/18/ path).
    """
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadItem(f'{_text_problem(text)}; every report needs a non-empty "text"')
    text = normalize_text(text)
    url = clean_field(fields.get("url"))
    published = parse_published(fields.get("published")) or stamped_date(text) or url_date(url)
    return Report(
        text=text,
        id=_clean_id(fields.get("id")),
        url=url,
        outlet=clean_field(fields.get("outlet")),
        lang=_clean_lang(fields.get("lang")),
        published=published,
        title=clean_field(fields.get("title")),
        source=source,
    )


def _text_problem(text: object) -> str:
    if text is None:
        return 'no "text" field'
    if isinstance(text, str):
        return 'the "text" field is empty'
    return 'the "text" field is not a string'


def _clean_id(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadItem('"id" must be a string or a number; fix or remove it')
    return normalize_text(str(value)).strip()


def _clean_lang(value: object) -> str | None:
    lang = clean_field(value)
    return lang.lower() if lang else None
