"""Arabic text through every extractor: sentences written for these tests (none copied from a
report), and properties on arbitrary Unicode."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
        ("أصيب مدنيان في هجوم لإرهابيي \"واي بي جي\" على المدينة.", "SDF"),
        ("سقطت قذائف مصدرها مناطق سيطرة حزب الاتحاد الديمقراطي.", "SDF"),
        ("توفي طفل دهسته مدرعة تركية في البلدة.", "Turkey"),
        ("قصف كثيف على البلدة من قبل ميليشيا أسد.", "Syrian government"),
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


# --- places as written ---------------------------------------------------------------------


def places(text: str) -> list[tuple[str, str, str | None]]:
    from civcas.extract.places import find_places

    return [(m.span.of(text), m.place.kind, m.relation) for m in find_places(text, "ar")]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("سقطت قذيفة بالباغوز صباح اليوم.", "الباغوز"),
        ("وفي الباغوز قتل رجل.", "الباغوز"),
        ("قصف مدفعي والباغوز تحت النار.", "الباغوز"),
        ("غارة على بلدة هجين.", "هجين"),
        ("قصف وبتل أبيض ليلا.", "تل أبيض"),
        ("سقطت قذيفة بـالباغوز.", "الباغوز"),
    ],
)
def test_place_as_written_without_its_proclitic(text: str, written: str) -> None:
    found = places(text)
    assert found and found[0][0] == written


def test_countryside_phrase_with_direction() -> None:
    text = "قتل ثلاثة مدنيين في ريف دير الزور الشرقي أمس."
    from civcas.extract.places import find_places

    (m,) = find_places(text, "ar")
    assert m.span.of(text) == "دير الزور"
    assert m.phrase.of(text).endswith("ريف دير الزور الشرقي")
    assert m.relation == "countryside" and m.geo_precision == "governorate"


def test_a_quarter_of_another_governorate_is_not_meant() -> None:
    # "المساكن" is a quarter of a city in another governorate than the town the text names
    text = "قصفت الطائرات منطقة المساكن في مدينة البوكمال."
    assert [w for w, _, _ in places(text)] == ["البوكمال"]


def test_place_finder_uses_the_shared_proclitic_rules() -> None:
    from civcas.extract.phrases import proclitic_readings

    assert proclitic_readings("بالباغوز") == ((0, "بالباغوز"), (1, "الباغوز"))
    assert (2, "الرقة") in proclitic_readings("للرقة")  # ل + الرقة: the article given back
    assert (2, "ريف") in proclitic_readings("وبريف")
    assert proclitic_readings("هجين") == ((0, "هجين"),)
    assert proclitic_readings("وب") == ((0, "وب"),)  # too short a stem behind و


def test_claim_place_is_the_name_as_written() -> None:
    text = "قتل أربعة مدنيين بينهم طفلان أمس بقصف مدفعي على بلدة الباغوز بريف دير الزور."
    ex = extract_report(Report(text=text, lang="ar", published=date(2019, 3, 2)))
    (claim,) = ex.claims
    assert claim.place == "الباغوز"
    assert claim.evidence["place"].of(text) == "الباغوز"
    assert claim.admin1 == "Deir ez-Zor"


def test_place_of_the_sentence_before_the_toll() -> None:
    text = (
        "ارتكبت الطائرات مجزرة مروعة في مدينة البوكمال.\n"
        "وأسفرت الغارات عن مقتل 12 مدنيا وجرح آخرين."
    )
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.place == "البوكمال" and claim.killed_min == 12


def test_direction_of_a_governorate_capital_is_the_governorate() -> None:
    text = "مقتل 5 مدنيين بغارات شرقي دير الزور.\n\nقتل 5 مدنيين في بلدة هجين بغارات."
    claims = extract_report(Report(text=text, lang="ar")).claims
    assert [c.place for c in claims] == ["هجين"]


# --- one spelling table ----------------------------------------------------------------------


def test_numbers_read_the_spelling_rules_of_script_toml() -> None:
    from civcas.extract.numbers import read_number, script
    from civcas.knowledge.lexicon import load

    assert "script" not in load("ar", "numbers")
    rules = load("ar", "script")
    sc = script("ar")
    assert sc.ignorable == rules["ignorable"]
    assert sc.normalize("أربعة") == sc.normalize("اربعه")
    assert read_number("ثَلاثَة", "ar") == 3
    assert read_number("أربعـة", "ar") == 4
    assert script("en").plain


# --- victim names ----------------------------------------------------------------------------


def victims(text: str) -> list[str]:
    from civcas.extract.victims import find_victim_names

    found = find_victim_names(text, "ar")
    for n in found:
        assert n.span.of(text) == n.name
    return [n.name for n in found]


def test_names_after_a_list_cue_with_relations() -> None:
    text = (
        "وثق الناشطون أسماء الضحايا وهم: (سالم خالد الحمد وزوجته، ويوسف علي الحسن وأبناؤه، "
        "وعبد الكريم الحسن وشقيقه، وفاطمة الحمد)."
    )
    assert victims(text) == ["سالم خالد الحمد", "يوسف علي الحسن", "عبد الكريم الحسن", "فاطمة الحمد"]


def test_names_after_bainahum_and_a_kunya() -> None:
    text = "قتل ثلاثة مدنيين بينهم أبو محمد الخلف ونادية سالم العبيد، في القصف."
    assert victims(text) == ["أبو محمد الخلف", "نادية سالم العبيد"]


def test_a_kunya_given_as_another_name_is_one_victim() -> None:
    text = "وأضاف أن السيدة هي (مريم أحمد العلي)، وتدعى أم خالد، من قرية قريبة."
    assert victims(text) == ["مريم أحمد العلي"]


def test_person_word_before_a_name() -> None:
    assert victims("استشهد الطفل عمر حسين الجاسم جراء القصف.") == ["عمر حسين الجاسم"]
    assert victims("الشهيد هو خليل أسعد السالم (16 عاماً).") == ["خليل أسعد السالم"]


def test_unknown_family_name_ends_a_list_item() -> None:
    text = "والضحايا هم: فهد أحمد شحود، ومحمود سالم كتو (40 عاما)."
    assert victims(text) == ["فهد أحمد شحود", "محمود سالم كتو"]


def test_counts_words_and_prepositions_are_no_names() -> None:
    assert victims("قتل خمسة بينهم 3 نساء و5 أطفال وجرح العشرات.") == []
    assert victims("وقالت المصادر إن لهم محمد أحمد صلة بالحادث.") == []  # لهم is not هم
    assert victims("وهم على الحدود التركية منذ أيام.") == []  # على is not علي
    assert victims("قتل شاب يدعى أبو") == []


def test_victim_names_reach_the_claim() -> None:
    text = (
        "قتل ثلاثة مدنيين أمس بقصف مدفعي على بلدة هجين، وهم: خالد عمر الصالح وزوجته "
        "وسعاد محمد الصالح."
    )
    (claim,) = extract_report(Report(text=text, lang="ar", published=date(2019, 1, 6))).claims
    assert claim.victim_names == ["خالد عمر الصالح", "سعاد محمد الصالح"]
    assert [s.of(text) for s in claim.victim_evidence] == claim.victim_names


# --- perpetrator evidence --------------------------------------------------------------------


def test_evidence_phrase_with_the_attack_words_and_a_close_hedge() -> None:
    text = (
        "شنت طائرات حربية مجهولة يرجح أنها تابعة للتحالف الدولي غارات على بلدة هجين، "
        "ما أدى إلى مقتل سبعة مدنيين."
    )
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.perpetrator == "US-led coalition"
    assert claim.attribution == "alleged"
    assert claim.perpetrator_evidence == "طائرات حربية مجهولة يرجح أنها تابعة للتحالف الدولي"
    assert claim.evidence["perpetrator_evidence"].of(text) == claim.perpetrator_evidence


def test_a_far_source_sets_the_attribution_but_stays_out_of_the_phrase() -> None:
    text = (
        "وذكرت مصادر محلية في المنطقة صباح اليوم الأحد أن طيران التحالف الدولي قصف "
        "بلدة هجين ما أدى إلى مقتل خمسة مدنيين."
    )
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.attribution == "alleged"
    assert claim.perpetrator_evidence == "طيران التحالف الدولي"


def test_a_source_after_the_actor_counts_only_when_it_trails() -> None:
    def attributions(text: str) -> list[str]:
        return [a.attribution for a in find_actors(text, split_sentences(text), "ar")]

    after = "قصفت طائرات التحالف الدولي بلدة هجين، وذكرت مصادر أهلية أن القصف دمر منازل."
    assert attributions(after) == ["asserted"]
    trailing = "قصفت طائرات التحالف الدولي بلدة هجين، حسبما نقلت وسائل إعلام محلية."
    assert attributions(trailing) == ["alleged"]


def test_verb_first_names_the_agent() -> None:
    text = "ارتكب التحالف الدولي مجزرة جديدة في بلدة هجين."
    (mention,) = find_actors(text, split_sentences(text), "ar")
    assert mention.agent


def test_a_raid_of_a_force_names_it_the_agent() -> None:
    """"بعملية إنزال جوي للتحالف": the coalition carried out the raid."""
    text = "مقتل رجل بعملية إنزال جوي للتحالف على منزله في بلدة الشحيل بريف دير الزور"
    (mention,) = find_actors(text, split_sentences(text), "ar")
    assert mention.actor == "US-led coalition" and mention.agent
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.perpetrator == "US-led coalition" and claim.event_type == "ground_attack"


def test_headline_only_announces_the_act() -> None:
    text = (
        "مقتل ستة مدنيين بغارات التحالف على هجين\n"
        "قتل ستة مدنيين أمس بغارة شنها الطيران الروسي على بلدة هجين بريف دير الزور."
    )
    claims = extract_report(Report(text=text, lang="ar", published=date(2019, 1, 6))).claims
    assert claims and claims[0].perpetrator == "Russia"


# --- navigation and lists of other headlines ---------------------------------------------------

PAGE = (
    "الرئيسية\n"
    "مقتل طفلين بقصف لقوات النظام على ريف إدلب\n"
    "تنظيم داعش يهاجم حاجزا في البادية ويقتل 4 عناصر\n"
    "ارتفاع أسعار الخبز في دمشق\n"
    "مقتل 3 مدنيين بانفجار عبوة في الرقة\n"
    "أخبار الطقس\n"
    "قتل خمسة مدنيين بينهم طفلان أمس بغارة جوية شنتها طائرات التحالف الدولي على بلدة "
    "الباغوز بريف دير الزور.\n"
    "وقالت مصادر محلية إن الغارة دمرت منزلين."
)


def test_lists_of_other_headlines_give_no_incident_and_no_actor() -> None:
    claims = extract_report(Report(text=PAGE, lang="ar", published=date(2019, 1, 6))).claims
    assert len(claims) == 1
    (claim,) = claims
    assert claim.perpetrator == "US-led coalition"
    assert claim.killed_min == 5 and claim.place == "الباغوز"


def test_a_post_of_a_few_short_lines_is_read() -> None:
    post = "قصف جوي روسي على بلدة هجين\nمقتل 3 مدنيين بينهم طفل\n#دير_الزور"
    (claim,) = extract_report(Report(text=post, lang="ar")).claims
    assert claim.killed_min == 3


def test_a_numbered_list_of_the_dead_is_no_list_of_links() -> None:
    """Short numbered lines of names follow the post's lead; they make no menu of it."""
    names = ["قمر بلال حافظ", "زكريا أحمد بزي", "يوسف محمد الحسن", "محمود ياسر سارح", "سلام العاهي"]
    post = "#تحديث\nأسماء الشهداء نتيجة القصف الذي استهدف مدينة أريحا بريف إدلب\n" + "\n".join(
        f"{k}- {name}" for k, name in enumerate(names, 1)
    )
    (claim,) = extract_report(Report(text=post, lang="ar")).claims
    assert claim.place == "أريحا" and claim.event_type == "shelling"


def test_another_massacre_with_its_own_toll_is_another_incident() -> None:
    text = (
        "قتلت امرأة أمس بقصف على بلدة هجين.\n"
        "وكان طيران التحالف ارتكب مجزرة منذ يومين في بلدة هجين راح ضحيتها ثمانية مدنيين."
    )
    claims = extract_report(Report(text=text, lang="ar", published=date(2019, 1, 6))).claims
    assert sorted(c.killed_min or 0 for c in claims) == [1, 8]


# --- arbitrary text ---------------------------------------------------------------------------

_ARABIC_WORDS = [
    "وهم:",
    "بينهم",
    "الطفل",
    "هي",
    "(",
    ")",
    "،",
    "وتدعى",
    "أبو",
    "أم",
    "عبد",
    "محمد",
    "أحمد",
    "العلي",
    "وزوجته",
    "فاطمة",
    "بالباغوز",
    "ريف",
    "دير",
    "الزور",
    "الشرقي",
    "بلدة",
    "طائرات",
    "يرجح",
    "أنها",
    "تابعة",
    "للتحالف",
    "الدولي",
    "قتل",
    "٣",
    "عشرات",
    "\n",
    "\u200f",
    "\u202b",
    "\u0640",
    "\u064e",
    "😀",
    "Hajin",
    "ـ",
]
arabic_runs = st.lists(
    st.one_of(st.sampled_from(_ARABIC_WORDS), st.text(max_size=3)), max_size=60
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(arabic_runs)
def test_arabic_names_places_and_evidence_never_raise(text: str) -> None:
    from civcas.extract.places import find_places
    from civcas.extract.victims import find_victim_names

    for n in find_victim_names(text, "ar"):
        assert n.span.of(text) == n.name and len(n.name.split()) >= 2
    for p in find_places(text, "ar"):
        assert 0 <= p.phrase.start <= p.span.start < p.span.end <= p.phrase.end <= len(text)
    ex = extract_report(Report(text=text, lang="ar"))
    for claim in ex.claims:
        for span in [*claim.evidence.values(), *claim.victim_evidence]:
            assert 0 <= span.start <= span.end <= len(text)
        if claim.perpetrator_evidence:
            assert claim.evidence["perpetrator_evidence"].of(text) == claim.perpetrator_evidence


# --- the speed benchmark's Arabic corpus -------------------------------------------------------


def test_bench_reads_the_texts_of_one_language(tmp_path: Path) -> None:
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "bench" / "extract.py"
    spec = importlib.util.spec_from_file_location("bench_extract", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    reports = tmp_path / "reports.jsonl"
    reports.write_text(
        '{"lang": "ar", "text": "قتل مدني بقصف."}\n'
        "not json\n"
        '{"lang": "en", "text": "A civilian was killed."}\n'
        '{"lang": "ar", "text": ""}\n',
        encoding="utf-8",
    )
    assert bench.read_airwars(reports, "ar") == ["قتل مدني بقصف."]
    assert bench.read_airwars(reports, "en") == ["A civilian was killed."]


def test_a_post_that_opens_with_its_place_is_placed_there() -> None:
    """Arabic has no capitals to mislead: "دارة عزة الآن ..." names the town it opens with."""
    text = "دارة عزة الآن قصف كثيف على البلدة من قبل ميليشيا أسد"
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.evidence["place"].of(text) == "دارة عزة"
    assert claim.perpetrator == "Syrian government"


@pytest.mark.parametrize(
    ("text", "civilians", "killed"),
    [
        ("قتل مدنيان بقذيفة على حي الشعار في حلب", 2, 2),
        ("سقوط قتيلين بانفجار عبوة في سوق مدينة الباب", None, 2),
    ],
)
def test_dual_nouns_are_two(text: str, civilians: int | None, killed: int) -> None:
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert (claim.civilians_killed_min, claim.killed_min) == (civilians, killed)


@pytest.mark.parametrize(
    ("text", "killed", "civilians"),
    [
        ("قصف مدفعي على قرية الشركة أسفر عن استشهاد 3 مواطنين وإصابة آخرين", 3, 3),
        ("غارة جوية على مخيم للنازحين أدت إلى مقتل مواطنين اثنين", 2, 2),
        ("مقتل 4 نازحين بقصف صاروخي على مخيم قرب أطمة", 4, 4),
        # persons may be fighters: killed, not civilians
        ("مقتل 5 أشخاص بقصف صاروخي على بلدة هجين", 5, None),
    ],
)
def test_citizens_and_the_displaced_are_civilians(
    text: str, killed: int, civilians: int | None
) -> None:
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert (claim.killed_min, claim.civilians_killed_min) == (killed, civilians)


@pytest.mark.parametrize(
    ("text", "civilians"),
    [
        ("Turkish shelling on Tal Tamr killed four farmers.", 4),
        ("An airstrike on the camp killed 6 IDPs.", 6),
        ("Shelling on Hajin killed 5 people.", None),
    ],
)
def test_plainly_civilian_victims_in_english(text: str, civilians: int | None) -> None:
    (claim,) = extract_report(Report(text=text, lang="en")).claims
    assert claim.civilians_killed_min == civilians


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        ("مقتل عائلة من أربعة أفراد بقصف صاروخي على بلدة سرمين", "ar", 4),
        ("استشهاد عائلة مؤلفة من 5 أشخاص بقصف على بلدة سرمين", "ar", 5),
        ("A family of four was killed in shelling on Sarmin.", "en", 4),
    ],
)
def test_a_family_of_n_are_n_civilians(text: str, lang: str, killed: int) -> None:
    (claim,) = extract_report(Report(text=text, lang=lang)).claims
    assert (claim.killed_min, claim.civilians_killed_min) == (killed, killed)
