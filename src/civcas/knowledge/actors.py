"""The canonical actors (data/actors.toml): kind, parent, and the names ACLED and UCDP give them.

One reader for the file, so that assessment (an actor's family) and the exports (external
names) see the same table.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from civcas.knowledge.lexicon import DATA, load


@cache
def actor_table() -> dict[str, dict[str, Any]]:
    """Canonical actor -> {kind, parent?, acled, ucdp}, read once."""
    text = (DATA / "actors.toml").read_text(encoding="utf-8")
    return dict(tomllib.loads(text).get("actors", {}))


def actor_parents() -> dict[str, str]:
    """Actor -> the actor it belongs to, for those that have one."""
    return {name: spec["parent"] for name, spec in actor_table().items() if spec.get("parent")}


@cache
def actor_aliases(lang: str) -> dict[str, list[str]]:
    """Actor -> its aliases in `lang` (lexicons/<lang>/actors.toml): the listed ones, then each
    attack word of `[attacks]` with each adjective of the actor's nationality ("قصف جوي" +
    "تركي": "قصف جوي تركي"), so a new kind of attack is one word in the data, not one per actor."""
    data = load(lang, "actors")
    aliases = {actor: list(names) for actor, names in data.get("aliases", {}).items()}
    attacks = data.get("attacks", {})
    heads = attacks.get("words", [])
    article = attacks.get("article", "")
    for actor, adjectives in data.get("nationality", {}).items():
        named = aliases.setdefault(actor, [])
        seen = set(named)
        for head in heads:
            for adj in adjectives:
                # Arabic puts the adjective after the noun, English before it
                phrase = f"{adj} {head}" if lang == "en" else f"{head} {adj}"
                forms = [phrase]
                if article:
                    forms.append(" ".join(
                        w if w.startswith(article) else article + w for w in phrase.split()
                    ))
                for form in forms:
                    if form not in seen:
                        named.append(form)
                        seen.add(form)
    _other_regimes(data, aliases)
    return aliases


def _other_regimes(data: dict[str, Any], aliases: dict[str, list[str]]) -> None:
    """Aliases for "the regime" of another nation: reports call the Syrian government "the
    regime" unless a nationality follows ("النظام التركي", "مدفعية النظام التركي"), so each
    alias ending with a word of `[regime]`, with each adjective of `[nationality]` after it
    (definite), names that nationality."""
    regime = data.get("regime", {})
    words = set(regime.get("words", []))
    article = regime.get("article", "")
    if not words:
        return
    ending = [a for names in list(aliases.values()) for a in names if a.split()[-1:] and (
        a.split()[-1] in words)]
    for actor, adjectives in data.get("nationality", {}).items():
        named = aliases.setdefault(actor, [])
        seen = set(named)
        for alias in ending:
            for adj in adjectives:
                form = f"{alias} {adj if adj.startswith(article) else article + adj}"
                if form not in seen:
                    named.append(form)
                    seen.add(form)
