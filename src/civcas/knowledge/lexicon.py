"""Per-language lexicons (cue words, number words, month names, actor aliases) read from TOML.

Knowledge lives in `civcas/data/lexicons/<lang>/<name>.toml`, never in code; users may point
`CIVCAS_LEXICONS` at a folder of their own files, which are read on top of the bundled ones.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA = resources.files("civcas") / "data"


def _user_dir() -> Path | None:
    value = os.environ.get("CIVCAS_LEXICONS")
    return Path(value) if value else None


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Lists are extended, tables merged, scalars replaced: user files add to the bundled ones."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


@cache
def load(lang: str, name: str) -> dict[str, Any]:
    """The lexicon `name` for language `lang` ({} where none exists for that language)."""
    data: dict[str, Any] = {}
    bundled = DATA / "lexicons" / lang / f"{name}.toml"
    if bundled.is_file():
        data = tomllib.loads(bundled.read_text(encoding="utf-8"))
    user = _user_dir()
    if user is not None:
        path = user / lang / f"{name}.toml"
        if path.is_file():
            data = _merge(data, tomllib.loads(path.read_text(encoding="utf-8")))
    return data


def languages() -> list[str]:
    """Languages that have a bundled lexicon folder."""
    root = DATA / "lexicons"
    return sorted(p.name for p in root.iterdir() if p.is_dir())
