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


def _claim(text: str, lang: str):  # type: ignore[no-untyped-def]
    from civcas.extract import extract_report
    from civcas.model import Report

    claims = extract_report(Report(text, lang=lang)).claims
    assert claims, text
    return claims[0]


@pytest.mark.parametrize(
    ("text", "lang", "actors", "words"),
    [
        ("قتل مدنيان اليوم الأحد بقصف مدفعي لقوات النظام وروسيا على بلدة آفس شرقي إدلب.", "ar",
         ["Syrian government", "Russia"], "وروسيا"),
        ("قتل ثلاثة مدنيين بغارات لحلف نظام الأسد وروسيا على مدينة أريحا اليوم السبت.", "ar",
         ["Syrian government", "Russia"], "وروسيا"),
        ("قتل مدنيان في مداهمة نفذتها قسد بدعم من التحالف الدولي في بلدة الشحيل أمس.", "ar",
         ["SDF", "US-led coalition"], "التحالف الدولي"),
        ("قتل طفلان اليوم الأحد بقصف لقوات النظام و #روسيا على مدينة سرمين شرقي إدلب.", "ar",
         ["Syrian government", "Russia"], "روسيا"),
        ("قتل ثلاثة مدنيين أمس بهجوم شنته قوات النظام بدعم روسي على بلدة كفرنبل.", "ar",
         ["Syrian government", "Russia"], "بدعم روسي"),
        ("Two civilians were killed on Sunday when regime forces and Russian warplanes shelled "
         "a market in Ariha.", "en", ["Syrian government", "Russia"], "Russian warplanes"),
        ("Warplanes believed to belong to Russia and the Syrian regime struck Ariha on Monday, "
         "killing four civilians.", "en", ["Russia", "Syrian government"], "Syrian regime"),
    ],
)
def test_actors_named_together_as_the_attackers(
    text: str, lang: str, actors: list[str], words: str
) -> None:
    claim = _claim(text, lang)
    assert sorted(claim.perpetrators) == sorted(actors)  # which is first is the picker's choice
    quoted = [claim.evidence["perpetrator"].of(text)] + [c.span.of(text) for c in
                                                          claim.co_perpetrators]
    assert words in quoted
    back = type(claim).from_dict(claim.to_dict())
    assert back.co_perpetrators == claim.co_perpetrators


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Two civilians were killed in clashes between the SDF and ISIS in Hajin on Sunday.", "en"),
        ("قتل مدنيان في اشتباكات بين قسد وداعش في بلدة هجين يوم الأحد.", "ar"),
        ("Coalition warplanes killed three civilians in Hajin, the SDF said on Sunday.", "en"),
    ],
)
def test_two_sides_or_a_speaker_are_no_co_perpetrators(text: str, lang: str) -> None:
    assert _claim(text, lang).co_perpetrators == []


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("أصيب مدنيان في قصف جوي تركي على قرية تل شعير", "Turkey"),
        ("سقطت صواريخ إيرانية قرب المطار", "Iran"),
        ("استهدفت مسيرة أمريكية سيارة على طريق الرقة", "US-led coalition"),
    ],
)
def test_an_attack_named_by_its_nationality(text: str, actor: str) -> None:
    """Attack words and nationality adjectives combine (ar/actors.toml [attacks] with
    [nationality]); the attack is the agent."""
    [mention] = find_actors(text, split_sentences(text), "ar")
    assert (mention.actor, mention.agent) == (actor, True)


def test_generated_aliases_keep_the_listed_ones_first() -> None:
    from civcas.knowledge.actors import actor_aliases

    russia = actor_aliases("ar")["Russia"]
    assert russia[0] == "الطيران الروسي"
    assert "قصف مدفعي روسي" in russia and len(russia) == len(set(russia))


@pytest.mark.parametrize(
    ("text", "lang", "actor", "alias"),
    [
        ("Three children were injured in Turkish bombardment on Tahnah village.", "en", "Turkey",
         "Turkish bombardment"),
        ("A Turkish combat drone targeted a vehicle near Qamishli.", "en", "Turkey",
         "Turkish combat drone"),
        ("Israeli airstrikes hit a building south of Damascus.", "en", "Israel",
         "Israeli airstrikes"),
        ("ارتفاع حصيلة الضحايا جراء الغارات الجوية الروسية على مدينة دارة عزة", "ar", "Russia",
         "الغارات الجوية الروسية"),
        ("قتل مدني بالقصف التركي على قرية تل جمعة", "ar", "Turkey", "بالقصف التركي"),
    ],
)
def test_an_attack_named_by_its_nationality_names_the_attacker(
    text: str, lang: str, actor: str, alias: str
) -> None:
    (mention,) = [m for m in find_actors(text, split_sentences(text), lang) if m.agent]
    assert mention.actor == actor and mention.span.of(text) == alias


def test_a_nationality_without_an_attack_word_names_no_attacker() -> None:
    text = "Shelling near the Turkish border killed 3 civilians."
    assert [m for m in find_actors(text, split_sentences(text), "en") if m.agent] == []


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("قصفت الدولة التركية المحتلة قرية الجاموسية بقذائف الهاون", "الدولة التركية المحتلة"),
        ("أصيب شاب عندما أطلق الجنود الأتراك الرصاص على القرية", "الجنود الأتراك"),
        ("قصف بقذائف الهاون مصدره الأراضي التركية على قرية قره موغ", "مصدره الأراضي التركية"),
    ],
)
def test_the_turkish_state_its_soldiers_and_fire_from_its_land(text: str, alias: str) -> None:
    found = [m for m in find_actors(text, split_sentences(text), "ar") if m.actor == "Turkey"]
    assert [m.span.of(text) for m in found] == [alias]
