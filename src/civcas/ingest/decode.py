"""Bytes of a file to text: size-capped, binary-refusing, encoding-detecting.

UTF-8 is tried first (most reports are UTF-8), then byte-order marks, then charset-normalizer for
the legacy code pages monitors still use (cp1256 Arabic, latin-1). A file that decodes nowhere
with confidence is refused rather than read as mojibake.
"""

from __future__ import annotations

import codecs
import re
import stat
import unicodedata
from pathlib import Path

from civcas.ingest.errors import BadItem

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
_PREFERRED = ("cp1256", "cp1252", "latin_1")  # Arabic and Western Windows code pages
_TIE = 0.01
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
# Above this share of control characters a "text" is really binary data that happened to decode.
_MAX_CONTROL_SHARE = 0.01


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over `max_bytes` without reading them whole."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise BadItem(
                "not a regular file (a pipe, socket or device); remove it from the inputs"
            )
        if info.st_size > max_bytes:
            raise BadItem(_too_big(info.st_size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the size may have been a lie (/proc files)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise BadItem(f"cannot read the file ({reason}); check it exists and is readable") from exc
    if len(data) > max_bytes:
        raise BadItem(_too_big(len(data), max_bytes))
    return data


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes; "
        "split it into smaller files or raise max_bytes"
    )


def decode(data: bytes) -> str:
    """Text of `data`, or BadItem saying why it is not text (empty, binary, unknown encoding)."""
    if not data.strip():
        raise BadItem("empty file; nothing to read (remove it or fill it)")
    text = _decode_any(data)
    if not text.strip():
        raise BadItem("empty file: it holds only whitespace; remove it or fill it")
    if _looks_binary(text):
        raise BadItem("binary file (control characters), not text; remove it from the inputs")
    return text


def _decode_any(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise BadItem(
                    f"cannot decode as {encoding} despite its byte-order mark ({exc.reason}); "
                    "re-save the file as UTF-8"
                ) from exc
    if b"\x00" in data:
        raise BadItem("binary file (NUL bytes), not text; remove it from the inputs")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return _detect(data)


def _declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a <meta> tag, if any (trusted after UTF-8 fails)."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match[1].decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # import only when a legacy encoding shows up

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise BadItem(
            "cannot decode the bytes as UTF-8 or any legacy encoding with confidence; "
            "re-save the file as UTF-8"
        )
    # On short texts several code pages tie; the ones this project's sources use win the tie.
    tied = [match for match in results if match.chaos <= best.chaos + _TIE]
    for name in _PREFERRED:
        for match in tied:
            if name in match.could_be_from_charset:
                return str(match)
    return str(best)


def _looks_binary(text: str) -> bool:
    controls = sum(
        1 for ch in text if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc"
    )
    return controls > len(text) * _MAX_CONTROL_SHARE
