"""The canonical actors (data/actors.toml): kind, parent, and the names ACLED and UCDP give them.

One reader for the file, so that assessment (an actor's family) and the exports (external
names) see the same table.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from civcas.knowledge.lexicon import DATA


@cache
def actor_table() -> dict[str, dict[str, Any]]:
    """Canonical actor -> {kind, parent?, acled, ucdp}, read once."""
    text = (DATA / "actors.toml").read_text(encoding="utf-8")
    return dict(tomllib.loads(text).get("actors", {}))


def actor_parents() -> dict[str, str]:
    """Actor -> the actor it belongs to, for those that have one."""
    return {name: spec["parent"] for name, spec in actor_table().items() if spec.get("parent")}
