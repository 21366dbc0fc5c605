"""HTML pages: main text, title, date and canonical url via trafilatura.

The report text is the title line, a blank line, then the body, like the gold data; the page's
boilerplate (menus, footers, comments) is left out, favouring precision over recall.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from civcas.ingest.base import ReadOptions
from civcas.ingest.dates import parse_published
from civcas.ingest.errors import IngestError
from civcas.ingest.normalize import clean_field, normalize_text
from civcas.model import Report

# trafilatura logs its own errors for pages it cannot parse; ours (an IngestError) says it better.
# A NullHandler keeps them off stderr unless the application configures logging itself.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

_HTML_LANG = re.compile(r"""<html\b[^>]{0,500}?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.I)
_NO_TEXT = (
    "no article text found in this HTML page (empty, script-only or not an article); "
    "save the article page itself or remove the file"
)


def read_html(text: str, item: str, options: ReadOptions) -> Iterator[Report | IngestError]:
    """One report a page; a page with no extractable text is an error."""
    doc = _extract(text, favor_precision=True) or _extract(text, favor_recall=True)
    body = normalize_text(doc.text or "") if doc else ""
    if not body.strip():
        yield IngestError(item, _NO_TEXT)
        return
    title = clean_field(doc.title)
    yield Report(
        text=_with_title(title, body.strip()),
        url=clean_field(doc.url),
        outlet=clean_field(doc.sitename),
        lang=_page_lang(text, doc.language),
        published=_page_date(doc.date),
        title=title,
        source=item,
    )


def _extract(html: str, **mode: bool) -> Any:
    """trafilatura's Document for the page, or None; no network access, no date guessing."""
    from trafilatura import bare_extraction  # heavy import, only when HTML shows up

    return bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        # the page's own date markup only: a date mentioned in the story is not its publication
        date_extraction_params={"original_date": True, "extensive_search": False},
        **mode,
    )


def _with_title(title: str | None, body: str) -> str:
    """Title line, blank line, body; the title is not repeated when the body opens with it."""
    if not title:
        return body
    first, _, rest = body.partition("\n")
    if " ".join(first.split()) == title:
        body = rest.lstrip("\n")
    return f"{title}\n\n{body}" if body else title


def _page_lang(html: str, detected: str | None) -> str | None:
    match = _HTML_LANG.search(html[:10_000])
    lang = match[1] if match else detected
    return lang.lower().split("-")[0] if lang else None


def _page_date(value: str | None) -> date | None:
    return parse_published(value) if value else None
