"""Which reader reads a file: by extension, else by sniffing the decoded content."""

from __future__ import annotations

import re
from pathlib import Path

from civcas.ingest.base import Reader
from civcas.ingest.html import read_html
from civcas.ingest.jsonl import read_json, read_jsonl
from civcas.ingest.tabular import looks_like_table, read_csv, read_tsv
from civcas.ingest.text import read_plain

READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_plain,
    ".markdown": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".csv": read_csv,
    ".tsv": read_tsv,
    ".tab": read_tsv,
}
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I)


def reader_for(path: Path, text: str) -> Reader:
    """The reader registered for the file's extension, or the one its content looks like."""
    return READERS.get(path.suffix.lower()) or sniff(text)


def sniff(text: str) -> Reader:
    """A reader for content of unknown type: JSON, HTML, a table with a text column, else text."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return read_json
    if head.startswith("<") and _HTML_START.search(head):
        return read_html
    if looks_like_table(text):
        return read_csv
    return read_plain
