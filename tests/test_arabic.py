"""Arabic text through every extractor: sentences written for these tests (none copied from a
report), and properties on arbitrary Unicode."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.extract import extract_report
from civcas.extract.actors import find_actors
from civcas.extract.dates import find_dates
from civcas.extract.events import find_events
from civcas.extract.phrases import Phrases
from civcas.extract.sentences import split_sentences
from civcas.model import Report


def first_date(text: str, published: date | None = None) -> date | None:
    found = [d for d in find_dates(text, "ar", published) if d.value is not None]
    return found[0].value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت الطائرات السوق في 3 كانون الثاني 2020 ظهرا.", date(2020, 1, 3)),
        ("وقع الهجوم في 14 شباط 2018.", date(2018, 2, 14)),
        ("سقطت القذائف يوم 9 تشرين الأول 2017 على الحي.", date(2017, 10, 9)),
        ("قتل مزارعان في 21 أيلول 2019.", date(2019, 9, 21)),
        ("انفجرت العبوة في 5 من آب 2016.", date(2016, 8, 5)),
        ("وقعت الغارة في 27 يناير 2021.", date(2021, 1, 27)),
        ("وقعت الغارة في 2 ديسمبر 2022.", date(2022, 12, 2)),
        ("قتل طفلان في ١٢ حزيران ٢٠١٩ بقصف مدفعي.", date(2019, 6, 12)),
        ("في ٣٠ نوفمبر ٢٠٢٠ قصفت المدفعية القرية.", date(2020, 11, 30)),
    ],
)
def test_full_dates_in_both_month_systems(text: str, expected: date) -> None:
    assert first_date(text) == expected


def test_yesterday_needs_a_publication_date() -> None:
    text = "قتل ثلاثة مدنيين أمس بغارة جوية."
    assert first_date(text, date(2021, 4, 10)) == date(2021, 4, 9)
    mentions = find_dates(text, "ar")
    assert mentions and mentions[0].value is None and mentions[0].relative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقصفت المدفعية الحي مساء أمس.", date(2021, 4, 9)),
        ("استهدفت غارة البلدة فجر اليوم.", date(2021, 4, 10)),
        ("قتل رجل منذ يومين برصاص قناص.", date(2021, 4, 8)),
        ("استهدفت طائرة مسيرة سيارة يوم الخميس.", date(2021, 4, 8)),
    ],
)
def test_relative_dates_resolve_against_publication(text: str, expected: date) -> None:
    assert first_date(text, date(2021, 4, 10)) == expected  # a Saturday


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("قتل أربعة مدنيين بغارة للتحالف الدولي على القرية.", "US-led coalition"),
        ("وقصفت قوات النظام الحي بالمدفعية.", "Syrian government"),
        ("واستهدف الطيران الروسي سوقا شعبيا.", "Russia"),
        ("وشنت طائرات التحالف غارتين على الجسر.", "US-led coalition"),
        ("قصفت المدفعية التركية قرية حدودية.", "Turkey"),
        ("أعدم عناصر من تنظيم الدولة ثلاثة رعاة.", "ISIS"),
        ("اشتبكت قسد مع مسلحين في البلدة.", "SDF"),
    ],
)
def test_actors_behind_proclitics(text: str, actor: str) -> None:
    found = find_actors(text, split_sentences(text), "ar")
    assert actor in {a.actor for a in found}


def test_span_covers_the_word_as_written() -> None:
    text = "غارة جوية للتحالف الدولي"
    (mention,) = find_actors(text, split_sentences(text), "ar")
    assert text[mention.span.start : mention.span.end] == "للتحالف الدولي"


def test_diacritics_tatweel_and_letter_variants_are_folded() -> None:
    phrases = Phrases.of(["غارة جوية", "الأطفال"], "x")
    text = "غـارةٌ جَوِّيَّة قتلت الاطفال"
    found = [text[h.span.start : h.span.end] for h in phrases.finditer(text)]
    assert found == ["غـارةٌ جَوِّيَّة", "الاطفال"]


def test_article_bearing_proclitics() -> None:
    phrases = Phrases.of(["قصف"], "x")
    text = "وبالقصف ثم للقصف"
    assert [text[h.span.start : h.span.end] for h in phrases.finditer(text)] == [
        "وبالقصف",
        "للقصف",
    ]


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        ("قصفت طائرات يرجح أنها تابعة للتحالف الدولي مدرسة.", "alleged"),
        ("وبحسب مصادر محلية فإن الطيران الروسي قصف المشفى.", "alleged"),
        ("قصفت طائرات مجهولة الهوية سيارة على الطريق.", "unknown"),
        ("ونفى التحالف الدولي تنفيذ أي غارة على القرية.", "denied"),
        ("قصفت قوات النظام البلدة بالمدفعية.", "asserted"),
    ],
)
def test_attribution_cues(text: str, attribution: str) -> None:
    found = find_actors(text, split_sentences(text), "ar")
    assert found and found[0].attribution == attribution


def test_event_words_behind_proclitics() -> None:
    text = "وبقصف مدفعي على الحي، ثم غارات جوية، وانفجار عبوة ناسفة"
    assert {e.event_type for e in find_events(text, "ar")} >= {"shelling", "airstrike", "explosive"}


REPORT = (
    "مقتل مدنيين بغارة في ريف دير الزور\n\n"
    "قتل خمسة مدنيين بينهم طفلان أمس بغارة جوية يرجح أنها لطيران التحالف الدولي "
    "استهدفت منزلا في بلدة هجين بريف دير الزور الشرقي."
)


def test_extract_report_end_to_end() -> None:
    ex = extract_report(Report(text=REPORT, lang="ar", published=date(2019, 2, 6)))
    assert ex.claims
    claim = ex.claims[0]
    assert claim.perpetrator == "US-led coalition"
    assert claim.attribution == "alleged"
    assert claim.event_type == "airstrike"
    assert claim.date == date(2019, 2, 5)
    assert claim.killed_min == 5


_RTL_AND_MARKS = "\u200f\u200e\u202b\u202c\u061c\u0640\u064b\u064e\u0651"
arbitrary = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list(_RTL_AND_MARKS + "وبللالتحالف الدولي قصف 😀١٢٣ a-Z")),
    ),
    max_size=300,
)


@settings(max_examples=200, deadline=None)
@given(arbitrary)
def test_arabic_extraction_never_raises_and_spans_lie_inside(text: str) -> None:
    ex = extract_report(Report(text=text, lang="ar"))
    for claim in ex.claims:
        for span in [*claim.evidence.values(), *claim.victim_evidence]:
            assert 0 <= span.start <= span.end <= len(text)
    for hit in Phrases.of(["التحالف", "قصف"]).finditer(text):
        assert 0 <= hit.span.start < hit.span.end <= len(text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قصف مدفعي على الحي", "ar"),
        ("Shelling hit the market", "en"),
        ("قتل مدني في Hajin أمس بقصف", "ar"),
        ("غارة", "ar"),
        ("", "en"),
        ("😀 123", "en"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    from civcas.extract.pipeline import detect_language

    assert detect_language(text) == lang
