"""Perpetrators and attribution cues, on sentences written for these tests."""

from __future__ import annotations

import pytest

from civcas.extract.actors import find_actors
from civcas.extract.sentences import split_sentences


def actors(text: str) -> list:
    return find_actors(text, split_sentences(text), "en")


@pytest.mark.parametrize(
    ("text", "actor", "attribution"),
    [
        ("Coalition warplanes killed six farmers in the fields.", "US-led coalition", "asserted"),
        (
            "Jets believed to belong to the international coalition bombed a bakery.",
            "US-led coalition",
            "alleged",
        ),
        ("Russian jets reportedly struck the market at noon.", "Russia", "alleged"),
        ("Activists said regime forces shelled the village.", "Syrian government", "alleged"),
        ("Unidentified aircraft bombed the bridge at dawn.", "unknown", "unknown"),
        ("Unknown gunmen opened fire on a car.", "unknown", "unknown"),
        ("The coalition said it did not conduct any strike there.", "US-led coalition", "denied"),
        ("The Turkish army denied shelling the school.", "Turkey", "denied"),
        ("The coalition acknowledged the strike on the mosque.", "US-led coalition", "claimed"),
        ("Daesh claimed responsibility for the car bomb.", "ISIS", "claimed"),
        ("The coalition said on Tuesday it launched the strike.", "US-led coalition", "claimed"),
    ],
)
def test_attribution(text: str, actor: str, attribution: str) -> None:
    found = [a for a in actors(text) if not a.target]
    assert found, text
    assert found[0].actor == actor
    assert found[0].attribution == attribution


def test_target_is_not_perpetrator() -> None:
    text = "Coalition jets struck positions of ISIS in the town."
    by_actor = {a.actor: a for a in actors(text)}
    assert by_actor["ISIS"].target
    assert by_actor["US-led coalition"].agent and not by_actor["US-led coalition"].target


def test_held_by_is_target() -> None:
    text = "The strike hit an ISIS-held village."
    (isis,) = actors(text)
    assert isis.target


def test_short_alias_is_case_sensitive() -> None:
    assert not actors("This is what it is.")
    assert [a.actor for a in actors("IS fighters attacked the post.")] == ["ISIS"]


def test_evidence_covers_cue_and_alias() -> None:
    text = "Warplanes, believed to belong to the Russian air force, hit the clinic."
    (a,) = actors(text)
    assert a.evidence.of(text) == "believed to belong to the Russian air force"
    assert a.span.of(text) == "Russian air force"


def test_target_after_an_article() -> None:
    text = "The raid killed 9 members of the Islamic State group near the river."
    (isis,) = actors(text)
    assert isis.target
