"""Event types from attack words, on sentences written for these tests."""

from __future__ import annotations

import pytest

from civcas.extract.events import find_events, pick_event_type


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("An air raid killed five people.", "airstrike"),
        ("Warplanes bombed the market.", "airstrike"),
        ("A drone strike hit a motorcycle.", "drone_strike"),
        ("Artillery shelling killed two boys.", "shelling"),
        ("Mortar rounds fell on the school.", "shelling"),
        ("Clashes broke out and three people died.", "ground_attack"),
        ("Gunmen shot dead a teacher.", "ground_attack"),
        ("The group executed four men in the square.", "execution"),
        ("A car bomb exploded near the bakery.", "explosive"),
        ("A landmine killed a shepherd.", "explosive"),
        ("Residents died of starvation under the siege.", "siege_starvation"),
    ],
)
def test_event_type(text: str, event_type: str) -> None:
    mentions = find_events(text)
    picked = pick_event_type(mentions, 0)
    assert picked is not None
    assert picked.event_type == event_type
    assert picked.span.of(text).lower() in text.lower()


def test_no_event_words() -> None:
    assert pick_event_type(find_events("The council met on Tuesday."), 0) is None


def test_specific_type_beats_generic_strike() -> None:
    text = "A drone strike, the second strike this week, killed two."
    assert pick_event_type(find_events(text), 0).event_type == "drone_strike"


def test_a_helicopter_raid_is_a_ground_attack_in_arabic() -> None:
    text = "نفذت قوات التحالف الدولي عملية إنزال جوي على منزل في بلدة ذيبان"
    picked = pick_event_type(find_events(text, "ar"), 0, "ar")
    assert picked is not None and picked.event_type == "ground_attack"


def test_an_air_aggression_is_an_airstrike_in_arabic() -> None:
    """Syrian state media call a foreign airstrike "عدواناً جوياً"; the tanween is no matter."""
    text = "شن العدو الإسرائيلي عدواناً جوياً استهدف عدداً من النقاط في مدينة حمص"
    picked = pick_event_type(find_events(text, "ar"), 0, "ar")
    assert picked is not None and picked.event_type == "airstrike"
