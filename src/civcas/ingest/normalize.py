"""The only changes ingest makes to report text, so evidence offsets stay valid."""

from __future__ import annotations

import unicodedata


def normalize_text(text: str) -> str:
    """Unicode NFC and CRLF -> LF; nothing else (no stripping, no whitespace folding)."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


def clean_field(value: object) -> str | None:
    """A metadata value as a stripped one-line string, or None when empty or not scalar."""
    if value is None or isinstance(value, bool | dict | list):
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return " ".join(text.split()) or None
