"""CSV and TSV files: one report a row, the text in a named or auto-detected column.

Rows are numbered as in a spreadsheet (the header is row 1), so `file:row 5` is where to look.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Sequence

from civcas.ingest.base import ReadOptions
from civcas.ingest.errors import BadItem, IngestError
from civcas.ingest.records import report_from_fields
from civcas.model import Report

# Long articles sit in one field; the file size cap (max_bytes) is the real limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

# In order of preference where a table has several.
TEXT_COLUMNS: tuple[str, ...] = (
    "text",
    "full_text",
    "article_text",
    "article_content",
    "body",
    "content",
    "article",
    "notes",
)
# Contract-1 field -> column names that mean it, in order of preference.
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "report_id", "article_id", "doc_id", "event_id_cnty", "event_id", "unit_id"),
    "url": ("url", "link", "source_url", "article_url", "href"),
    "outlet": ("outlet", "source", "publisher", "source_name", "site_name", "sitename", "media"),
    "lang": ("lang", "language"),
    "published": (
        "published",
        "date",
        "pub_date",
        "published_date",
        "publication_date",
        "published_at",
        "event_date",
        "datetime",
    ),
    "title": ("title", "headline", "article_title", "heading"),
}
_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 8192  # enough for any header line
_MAX_BAD_ROWS = 100  # past this the file is not a table; one error more says so and stops


def read_csv(text: str, item: str, options: ReadOptions) -> Iterator[Report | IngestError]:
    """A comma (or sniffed `;`, `|`, tab) separated table."""
    yield from _read_table(text, item, options, _sniff_delimiter(text))


def read_tsv(text: str, item: str, options: ReadOptions) -> Iterator[Report | IngestError]:
    """A tab separated table."""
    yield from _read_table(text, item, options, "\t")


def looks_like_table(text: str) -> bool:
    """True when the first line is a header naming a text column (for files of unknown type)."""
    header = _header(text, _sniff_delimiter(text))
    return len(header) > 1 and any(name in TEXT_COLUMNS for name in header)


def _read_table(
    text: str, item: str, options: ReadOptions, delimiter: str
) -> Iterator[Report | IngestError]:
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [_column_key(name) for name in next(rows)]
        columns = _columns(header, options.text_column)
    except (csv.Error, StopIteration) as exc:
        yield IngestError(item, f"cannot read the header row ({exc}); fix the file")
        return
    except BadItem as exc:
        yield IngestError(item, exc.reason)
        return
    row_number, bad_rows = 1, 0
    while True:
        row_number += 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            bad_rows += 1
            yield IngestError(f"{item}:row {row_number}", f"malformed CSV ({exc}); fix the row")
            if bad_rows >= _MAX_BAD_ROWS:
                yield IngestError(item, "too many malformed rows; stopped reading this file")
                return
            continue
        if any(cell.strip() for cell in row):
            yield _row_report(row, columns, f"{item}:row {row_number}")


def _row_report(row: Sequence[str], columns: dict[str, int], name: str) -> Report | IngestError:
    fields = {field: row[index] for field, index in columns.items() if index < len(row)}
    try:
        return report_from_fields(fields, name)
    except BadItem:
        return IngestError(
            name, "the text column is empty or missing in this row; fill it or remove it"
        )


def _columns(header: list[str], text_column: str | None) -> dict[str, int]:
    """Contract-1 field -> column index, or BadItem when there is no text column."""
    if text_column is not None:
        wanted = _column_key(text_column)
        if wanted not in header:
            raise BadItem(f'no column "{text_column}"; the columns are: {", ".join(header)}')
        text_index = header.index(wanted)
    else:
        found = [header.index(name) for name in TEXT_COLUMNS if name in header]
        if not found:
            raise BadItem(
                f"no text column found (looked for {', '.join(TEXT_COLUMNS)}); "
                "name it with text_column"
            )
        text_index = found[0]
    columns = {"text": text_index}
    for field, names in FIELD_COLUMNS.items():
        for name in names:
            if name in header and header.index(name) != text_index:
                columns[field] = header.index(name)
                break
    return columns


def _column_key(name: str) -> str:
    """Header names compared case- and separator-insensitively ("Full Text" == "full_text")."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def _header(text: str, delimiter: str) -> list[str]:
    first = text[:_SNIFF_CHARS].split("\n", 1)[0]
    try:
        return [_column_key(name) for name in next(csv.reader([first], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return []


def _sniff_delimiter(text: str) -> str:
    """The header line's delimiter; a comma when it cannot tell."""
    first = text[:_SNIFF_CHARS].split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","
