"""Field-by-field scoring of extracted claims against gold reports (eval/ANNOTATION.md, "Scoring").

Why a scorer of our own: the quality bar of DESIGN.md is measured field by field, and the rules
(dates at the gold precision, places after transliteration folding, casualty numbers, attribution
pairs, victims per name, cross-report linking) are specific to this task.

How it counts
-------------
* Reports are matched by ``id``. A gold report with no predicted row counts all its gold
  incidents as misses (``Scores.missing_report_ids``); a predicted row whose id is not in gold is
  ignored and listed (``Scores.unknown_pred_ids``).
* ``lang`` keeps only the gold rows of that language; predicted rows follow their gold row (a
  predicted row with an unknown id is dropped silently when its own ``lang`` is another one).
* Within a report, incidents are paired one-to-one by :func:`match_incidents`.
* Incident detection: TP = matched pairs, FP = predicted incidents left unmatched (a negative
  report with predicted incidents costs precision only), FN = gold incidents left unmatched.
* Per field, over matched pairs only: a gold non-null value is a recall item, a predicted
  non-null value is a precision item. TP: both non-null and right. A predicted non-null value
  that is wrong, or whose gold is null, is an FP; a gold non-null value that is wrong, or whose
  prediction is null, is an FN (so a wrong value costs both precision and recall). ``support`` is
  the number of gold non-null values (TP + FN). ``accuracy`` is over all matched pairs and counts
  "both null" as right; it helps where gold leaves a field null in most incidents.
* ``victim_names`` is counted per name: over matched pairs, names are normalised (case,
  whitespace, apostrophes ’'ʼ‘`, hyphens, Arabic short vowels) and compared as multisets; shared
  names are TPs, the rest of the predicted names FPs, the rest of the gold names FNs. Its
  accuracy counts a pair right when both name sets are equal (both empty included).
* ``perpetrator+attribution``: the pair is non-null when either part is; right when both parts
  are equal (null equal to null).
* Linking (only when some predicted claim carries an ``incident`` id): B-cubed over every gold
  incident of the scored reports; its gold label is its ``cluster``, its predicted label the
  ``incident`` id of the claim it was matched to. Unmatched gold incidents (and matches whose
  claim has no id) are singletons in the prediction; a gold incident without a cluster is a
  singleton in gold.

When a field is right
---------------------
* Numbers: equal (``21`` equals ``21.0`` and ``"21"``).
* ``date``: equal at the GOLD precision: day: same day; week: same ISO week or at most 3 days
  apart; month: same year and month; year: same year (a gold date without precision is a day).
  Predicted partial dates ("2019-01", "2019") are right only at a coarse enough gold precision.
* ``place_std`` and ``place``: see :func:`place_key`. Right when the keys are equal, or when the
  gold is the less specific: the gold's tokens are a prefix of the prediction's (gold "Al Baghuz",
  predicted "Al Baghuz Fawqani" is right; gold "Al Baghuz Fawqani", predicted "Al Baghuz" is
  wrong: the prediction lost what the report said). Arabic names get the same rules with Arabic
  words: kind words around them are dropped ("بلدة الباغوز" = "الباغوز"), and the place they
  are said to lie in is cut off like the text after a comma ("قرية الباغوز جنوب شرق مدينة
  البوكمال" = "الباغوز").
* ``admin1``: through the governorate alias table (:data:`ADMIN1_ALIASES`) after the same folding,
  else equal place keys.
* ``perpetrator``, ``attribution``, ``event_type``, ``country``, ``date_precision``: equal after
  case folding and whitespace collapsing.
* ``perpetrator_evidence``: right when one normalised phrase contains the other at word
  boundaries (a quote that covers the gold phrase, or lies inside it).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from civcas.model import CLAIM_FIELDS, COUNT_FIELDS, GEO_FIELDS

Incident = Mapping[str, Any]

PAIR_FIELD = "perpetrator+attribution"
# Fields scored, in the order of the table: the claim's annotated fields (model.CLAIM_FIELDS
# without the map fields), with perpetrator and attribution also scored as a pair.
FIELDS: tuple[str, ...] = tuple(
    name
    for field in CLAIM_FIELDS
    if field not in GEO_FIELDS
    for name in ((field, PAIR_FIELD) if field == "attribution" else (field,))
)
NUMBER_FIELDS: tuple[str, ...] = COUNT_FIELDS

# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

APOSTROPHES = "’'ʼ‘`´ʻ"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_NON_WORD_RE = re.compile(r"[^\w]+")
_PAREN_RE = re.compile(r"\(([^()]*)\)")
# Arabic article forms written as a separate token once hyphens are spaces: al-, el-, and the
# sun-letter assimilations (ash-Shafah, ad-Dashisha, ez-Zor ...). "al " is the same token.
ARTICLES: frozenset[str] = frozenset(
    {"al", "el", "as", "at", "ad", "ar", "ash", "an", "az", "ath", "adh",
     "es", "et", "ed", "er", "esh", "en", "ez"}
)
# Words that say what kind of place it is, not which one.
GENERIC_WORDS: frozenset[str] = frozenset(
    {"village", "town", "city", "camp", "outskirts", "countryside", "district", "subdistrict",
     "area", "neighbourhood", "neighborhood", "suburb", "suburbs", "hamlet", "outskirt",
     "vicinity", "environs", "of", "the", "near"}
)
_ARABIC_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None, "ٱ": "ا"})
# The same words in Arabic (folded as by `fold`: hamza seats dropped, ة = ه, ى = ي): kinds of
# place and words for its surroundings ("بلدة الباغوز", "أطراف قرية الباغوز").
ARABIC_GENERIC_WORDS: frozenset[str] = frozenset(
    {"مدينه", "بلده", "قريه", "حي", "مخيم", "منطقه", "ناحيه", "محافظه", "مزرعه", "باديه",
     "ريف", "اطراف", "محيط", "ضواحي", "مشارف", "قرب", "جوار", "بجوار", "مقربه", "من", "في"}
)
# Arabic words that, after a name, start the place it lies in ("قرية الباغوز جنوب شرق مدينة
# البوكمال", "حي القصور بمدينة دير الزور"): the Arabic counterpart of the comma rule below.
ARABIC_CONTAINER_WORDS: frozenset[str] = frozenset(
    {"في", "ريف", "مدينه", "بلده", "قريه", "محافظه", "منطقه", "ناحيه", "قرب", "شرق", "غرب",
     "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي"}
)
_ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ك")


def is_null(value: Any) -> bool:
    """None, an empty string and an empty list all mean "no value"."""
    return value is None or (isinstance(value, str | list | tuple) and len(value) == 0)


def fold(text: str) -> str:
    """Case, diacritics (Latin accents, Arabic short vowels and hamza seats) folded away."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).translate(_ARABIC_FOLD).casefold()


def _skeleton(token: str) -> str:
    """Transliteration-tolerant form of a Latin token: Baghouz/Baghuz, Sousa/Susah, Raqqa/Raqqah."""
    if not token.isascii():
        return token
    token = token.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    token = re.sub(r"(.)\1+", r"\1", token)
    if len(token) > 3 and token.endswith("h") and token[-2] in "aeiou":
        token = token[:-1]
    return token


def _place_tokens(text: str) -> list[str]:
    """Folded tokens of a place name, generic words and the text after a comma removed."""
    text = _APOSTROPHE_RE.sub("", fold(text))
    # a parenthesised part keeps only its specific words: "Al Baghuz (camp)" is "Al Baghuz"
    text = _PAREN_RE.sub(
        lambda m: " " + " ".join(w for w in _NON_WORD_RE.split(m.group(1))
                                 if w and w not in GENERIC_WORDS) + " ",
        text,
    )
    # "Al Qusur, Deir ez-Zor city": what follows the comma is the container, not the place
    text = text.split(",")[0]
    tokens = [t for t in _NON_WORD_RE.split(text.replace("_", " ")) if t]
    while len(tokens) > 1 and _generic(tokens[0]):  # "outskirts of Hajin", "بلدة الباغوز"
        tokens.pop(0)
    # "الباغوز جنوب شرق مدينة البوكمال": what follows is the container, not the place
    for i in range(1, len(tokens)):
        if _arabic_word(tokens[i], ARABIC_CONTAINER_WORDS):
            tokens = tokens[:i]
            break
    while len(tokens) > 1 and _generic(tokens[-1]):  # "al-Sousa town"
        tokens.pop()
    return tokens


def _generic(token: str) -> bool:
    return token in GENERIC_WORDS or _arabic_word(token, ARABIC_GENERIC_WORDS)


def _arabic_word(token: str, words: frozenset[str]) -> bool:
    """`token` is one of the Arabic `words`, written alone or behind up to two proclitics
    ("بمدينه", "وبريف")."""
    for _ in range(3):
        if token in words:
            return True
        if len(token) < 3 or not token.startswith(_ARABIC_PROCLITICS):
            return False
        token = token[1:]
    return False


def place_key(text: Any) -> tuple[str, ...]:
    """Tokens of a place name for comparison, articles dropped.

    Lowercase; diacritics, apostrophes (’'ʼ‘`), hyphens and punctuation removed; Arabic articles
    (al-/el-/as-/at-/ad-/ar-/ash-/an-/az-/ez-..., "al ", and the attached ال of Arabic script)
    dropped; generic words (village, town, city, camp, outskirts ...; Arabic بلدة, قرية, أطراف
    ..., also behind a proclitic: بمدينة) ignored in parentheses and at either end; text after a
    comma, or after an Arabic word that names the container (بريف, جنوب, في), ignored; each
    Latin token reduced to a transliteration
    skeleton (ou/oo -> u, ee -> i, doubled letters single, final h after a vowel dropped).
    """
    if is_null(text):
        return ()
    tokens = _place_tokens(str(text))
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in ARTICLES and i + 1 < len(tokens):
            continue
        if tok.startswith("ال") and len(tok) >= 4:
            tok = tok[2:]
        out.append(_skeleton(tok))
    return tuple(out)


def _joined_key(text: Any) -> str:
    """The name with articles kept and spaces removed: "Deir Ezzor" = "Deir ez-Zor"."""
    return _skeleton("".join(_place_tokens(str(text))))


def places_equal(a: Any, b: Any) -> bool:
    """Two place names name the same place after normalisation (symmetric)."""
    if is_null(a) or is_null(b):
        return False
    ka, kb = place_key(a), place_key(b)
    if ka and ka == kb:
        return True
    ja = _joined_key(a)
    return bool(ja) and ja == _joined_key(b)


def place_right(gold: Any, pred: Any) -> bool:
    """The predicted place is right: equal, or more specific than a less specific gold."""
    if places_equal(gold, pred):
        return True
    kg, kp = place_key(gold), place_key(pred)
    return bool(kg) and len(kp) > len(kg) and kp[: len(kg)] == kg


# Governorate spellings seen in English and Arabic reporting; canonical name first.
ADMIN1_ALIASES: dict[str, tuple[str, ...]] = {
    "Deir ez-Zor": ("Deir Ezzor", "Deir al-Zour", "Deir al-Zor", "Deir ez-Zour", "Dayr az Zawr",
                    "Deir el-Zor", "Deir Ez Zor", "Deir Alzour", "Deir Azzor", "Dair Alzour",
                    "Dayr al-Zawr", "دير الزور"),
    "Raqqa": ("Ar-Raqqah", "Raqqah", "al-Raqqa", "Rakka", "الرقة"),
    "Hasakah": ("Al-Hasakah", "Hasakeh", "Al-Hasakeh", "Hassakeh", "Hasaka", "Al-Hasaka",
                "الحسكة"),
    "Idlib": ("Idleb", "إدلب"),
    "Aleppo": ("Halab", "حلب"),
    "Hama": ("Hamah", "حماة"),
    "Homs": ("Hims", "حمص"),
    "Damascus": ("Dimashq", "دمشق"),
    "Rif Dimashq": ("Rural Damascus", "Damascus Countryside", "Reef Damascus", "Rif Damascus",
                    "ريف دمشق"),
    "Daraa": ("Dar'a", "Deraa", "Dara'a", "درعا"),
    "As-Suwayda": ("Suwayda", "Sweida", "Suwaida", "Al-Suwayda", "السويداء"),
    "Quneitra": ("Al-Qunaytirah", "Qunaitra", "Quneitrah", "القنيطرة"),
    "Latakia": ("Al-Ladhiqiyah", "Lattakia", "Ladhiqiyah", "اللاذقية"),
    "Tartus": ("Tartous", "Tartos", "طرطوس"),
    "Nineveh": ("Ninawa", "Ninewa", "Niniveh", "نينوى"),
    "Anbar": ("Al-Anbar", "الأنبار"),
    "Salah ad-Din": ("Salahuddin", "Salah al-Din", "Saladin", "صلاح الدين"),
    "Kirkuk": ("كركوك",),
    "Diyala": ("ديالى",),
    "Baghdad": ("بغداد",),
}


def _admin1_index() -> dict[str, str]:
    """Every normalised spelling of the alias table -> its canonical name."""
    index: dict[str, str] = {}
    for canonical, variants in ADMIN1_ALIASES.items():
        for name in (canonical, *variants):
            index[" ".join(place_key(name))] = canonical
            index[_joined_key(name)] = canonical
    return index


_ADMIN1_INDEX = _admin1_index()


def admin1_canonical(name: Any) -> str | None:
    """The canonical governorate of a spelling, or None when the table does not know it."""
    if is_null(name):
        return None
    return _ADMIN1_INDEX.get(" ".join(place_key(name))) or _ADMIN1_INDEX.get(_joined_key(name))


def admin1_right(gold: Any, pred: Any) -> bool:
    """Same governorate: through the alias table, else equal place keys."""
    if is_null(gold) or is_null(pred):
        return False
    cg, cp = admin1_canonical(gold), admin1_canonical(pred)
    if cg is not None or cp is not None:
        return cg == cp
    return places_equal(gold, pred)


def normalise_name(name: str) -> str:
    """A victim's name for matching: case, whitespace, apostrophes and hyphens folded."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = _APOSTROPHE_RE.sub("", text).replace("-", " ")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not ("\u064b" <= ch <= "\u065f" or ch == "ـ"))
    return " ".join(unicodedata.normalize("NFC", text).split())


def _norm_text(value: Any) -> str:
    return " ".join(str(value).casefold().split())


def _phrase_tokens(text: str) -> list[str]:
    return [t for t in _NON_WORD_RE.split(_APOSTROPHE_RE.sub("", fold(text))) if t]


# ---------------------------------------------------------------------------------------------
# Field comparators
# ---------------------------------------------------------------------------------------------


def _as_number(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdecimal():
        return int(value.strip())  # isdecimal, not isdigit: "²" is a digit int() cannot read
    return value


def _parse_date(value: Any) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of "YYYY-MM-DD", "YYYY-MM" or "YYYY" (a datetime's date part too)."""
    if isinstance(value, date):
        return value.year, value.month, value.day
    text = str(value).strip()
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    return year, month, day


def date_right(gold: Any, pred: Any, gold_precision: str | None) -> bool:
    """The predicted date equals the gold date at the gold's precision (see module doc)."""
    g, p = _parse_date(gold), _parse_date(pred)
    if g is None or p is None:
        return _norm_text(gold) == _norm_text(pred)
    precision = gold_precision or "day"
    if precision == "year":
        return g[0] == p[0]
    if precision == "month":
        return g[:2] == p[:2]
    if None in g or None in p:
        return False
    try:
        gd, pd = date(*g), date(*p)  # type: ignore[arg-type]
    except ValueError:
        return g == p
    if precision == "week":
        return gd.isocalendar()[:2] == pd.isocalendar()[:2] or abs((gd - pd).days) <= 3
    return gd == pd


def evidence_right(gold: Any, pred: Any) -> bool:
    """One phrase contains the other, word for word after normalisation."""
    g, p = _phrase_tokens(str(gold)), _phrase_tokens(str(pred))
    if not g or not p:
        return False
    short, long_ = (g, p) if len(g) <= len(p) else (p, g)
    n = len(short)
    return any(long_[i : i + n] == short for i in range(len(long_) - n + 1))


def _plain_right(gold: Any, pred: Any) -> bool:
    return _norm_text(gold) == _norm_text(pred)


def _number_right(gold: Any, pred: Any) -> bool:
    return _as_number(gold) == _as_number(pred)


Comparator = Callable[[Any, Any, Incident], bool]

COMPARATORS: dict[str, Comparator] = {
    "date": lambda g, p, inc: date_right(g, p, inc.get("date_precision")),
    "date_precision": lambda g, p, inc: _plain_right(g, p),
    "place": lambda g, p, inc: place_right(g, p),
    "place_std": lambda g, p, inc: place_right(g, p),
    "admin1": lambda g, p, inc: admin1_right(g, p),
    "country": lambda g, p, inc: _plain_right(g, p),
    "event_type": lambda g, p, inc: _plain_right(g, p),
    "perpetrator": lambda g, p, inc: _plain_right(g, p),
    "attribution": lambda g, p, inc: _plain_right(g, p),
    "perpetrator_evidence": lambda g, p, inc: evidence_right(g, p),
    **{name: (lambda g, p, inc: _number_right(g, p)) for name in NUMBER_FIELDS},
}


def field_right(name: str, gold: Incident, pred: Incident) -> bool:
    """Both values of field `name` are non-null and the prediction is right."""
    g, p = gold.get(name), pred.get(name)
    if is_null(g) or is_null(p):
        return False
    return COMPARATORS[name](g, p, gold)


def _names(incident: Incident) -> Counter[str]:
    names = incident.get("victim_names") or []
    if isinstance(names, str):  # a lone name where a list belongs
        names = [names]
    elif not isinstance(names, list | tuple):
        names = []
    return Counter(n for n in (normalise_name(str(x)) for x in names) if n)


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------

_PRIMARY = ("date", "place", "killed_min", "killed_max", "civilians_killed_min")
_SECONDARY = ("admin1", "event_type", "perpetrator", "attribution", "children_killed_min",
              "women_killed_min", "injured_min")


def _agreement(gold: Incident, pred: Incident) -> tuple[int, int]:
    """(agreeing date/place/counts, agreeing other fields) of a pair; nulls never agree."""
    primary = 0
    for name in _PRIMARY:
        if name == "place":
            g_std, p_std = gold.get("place_std"), pred.get("place_std")
            std = place_right(g_std, p_std) or place_right(p_std, g_std)
            raw = places_equal(gold.get("place"), pred.get("place"))
            primary += std or raw
        else:
            primary += field_right(name, gold, pred)
    secondary = sum(field_right(name, gold, pred) for name in _SECONDARY)
    secondary += bool(_names(gold) & _names(pred))
    return primary, secondary


def match_incidents(
    gold_incidents: Sequence[Incident], pred_incidents: Sequence[Incident]
) -> list[tuple[int, int]]:
    """Pair gold and predicted incidents of ONE report one-to-one; (gold index, pred index) pairs.

    Every pair gets an agreement score: first the number of agreeing values among date, place
    (place_std either way round, or the place as written), killed_min, killed_max and
    civilians_killed_min; then among admin1, event type, perpetrator, attribution, the other
    counts and shared victim names. Nulls never agree. Pairs are taken greedily, greatest
    agreement first (ties: closest list positions, then gold order), so two incidents listed in
    the other order still pair up correctly.

    A pair with no agreement at all is never matched, except when the report has exactly one
    gold and one predicted incident: then the prediction is about the report's one event, and
    its errors show as wrong fields rather than as a miss plus a false alarm.
    """
    if len(gold_incidents) == 1 and len(pred_incidents) == 1:
        return [(0, 0)]
    scored: list[tuple[tuple[int, int, int, int, int], int, int]] = []
    for gi, g in enumerate(gold_incidents):
        for pi, p in enumerate(pred_incidents):
            primary, secondary = _agreement(g, p)
            if primary + secondary == 0:
                continue
            scored.append(((-primary, -secondary, abs(gi - pi), gi, pi), gi, pi))
    scored.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _key, gi, pi in scored:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


# ---------------------------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------------------------


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


@dataclass(slots=True)
class Counts:
    """TP/FP/FN of one figure; precision, recall and F1 are None when undefined (0/0)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        # 2TP / (2TP + FP + FN): the harmonic mean of P and R, defined whenever there are items
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class FieldScore(Counts):
    """One field over matched pairs; `correct`/`compared` give accuracy with nulls included."""

    correct: int = 0
    compared: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.compared)

    def to_dict(self) -> dict[str, Any]:
        out = Counts.to_dict(self)
        out.update(support=self.support, accuracy=self.accuracy, accuracy_n=self.compared)
        return out


@dataclass(slots=True)
class LinkScore:
    """B-cubed precision/recall/F1 of predicted incident ids against gold clusters."""

    precision: float
    recall: float
    items: int
    gold_clusters: int
    pred_clusters: int

    @property
    def f1(self) -> float | None:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "items": self.items, "gold_clusters": self.gold_clusters,
                "pred_clusters": self.pred_clusters}


@dataclass(slots=True)
class Scores:
    """Everything `civcas eval` reports: detection, fields, linking and what was scored."""

    lang: str | None = None
    reports: int = 0
    negative_reports: int = 0
    negative_reports_with_predictions: int = 0
    gold_incidents: int = 0
    pred_incidents: int = 0
    matched: int = 0
    detection: Counts = field(default_factory=Counts)
    fields: dict[str, FieldScore] = field(
        default_factory=lambda: {name: FieldScore() for name in FIELDS}
    )
    linking: LinkScore | None = None
    missing_report_ids: list[str] = field(default_factory=list)
    unknown_pred_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "counts": {
                "reports": self.reports,
                "negative_reports": self.negative_reports,
                "negative_reports_with_predictions": self.negative_reports_with_predictions,
                "gold_incidents": self.gold_incidents,
                "pred_incidents": self.pred_incidents,
                "matched_incidents": self.matched,
            },
            "incident_detection": self.detection.to_dict(),
            "fields": {name: s.to_dict() for name, s in self.fields.items()},
            "linking": self.linking.to_dict() if self.linking else None,
            "missing_report_ids": list(self.missing_report_ids),
            "unknown_pred_ids": list(self.unknown_pred_ids),
        }


def _score_field(s: FieldScore, name: str, gold: Incident, pred: Incident) -> None:
    if name == "victim_names":
        g, p = _names(gold), _names(pred)
        shared = sum((g & p).values())
        s.tp += shared
        s.fp += sum(p.values()) - shared
        s.fn += sum(g.values()) - shared
        s.correct += g == p
    elif name == PAIR_FIELD:
        parts = ("perpetrator", "attribution")
        g_null = all(is_null(gold.get(x)) for x in parts)
        p_null = all(is_null(pred.get(x)) for x in parts)
        right = all(
            (is_null(gold.get(x)) and is_null(pred.get(x))) or field_right(x, gold, pred)
            for x in parts
        )
        _count(s, g_null, p_null, right)
    else:
        g_null, p_null = is_null(gold.get(name)), is_null(pred.get(name))
        _count(s, g_null, p_null, not (g_null or p_null) and field_right(name, gold, pred))
    s.compared += 1


def _count(s: FieldScore, g_null: bool, p_null: bool, right: bool) -> None:
    if g_null and p_null:
        s.correct += 1
        return
    if right:
        s.tp += 1
        s.correct += 1
        return
    if not p_null:
        s.fp += 1
    if not g_null:
        s.fn += 1


def bcubed(gold_labels: Sequence[Any], pred_labels: Sequence[Any]) -> tuple[float, float]:
    """B-cubed (precision, recall) of two labelings of the same items (item i: index i)."""
    n = len(gold_labels)
    if n == 0:
        return 0.0, 0.0
    pair_count = Counter(zip(gold_labels, pred_labels, strict=True))
    gold_size = Counter(gold_labels)
    pred_size = Counter(pred_labels)
    precision = recall = 0.0
    for g, p in zip(gold_labels, pred_labels, strict=True):
        both = pair_count[(g, p)]
        precision += both / pred_size[p]
        recall += both / gold_size[g]
    return precision / n, recall / n


def _incidents(row: Mapping[str, Any]) -> list[Incident]:
    items = row.get("incidents") or []
    return [x for x in items if isinstance(x, Mapping)]


def _index(rows: Iterable[Mapping[str, Any]], side: str) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        rid = str(row.get("id"))
        if rid in out:
            raise ValueError(f"{side}: report id {rid!r} appears more than once")
        out[rid] = row
    return out


class _Singleton:
    """A label equal only to itself: an item alone in its cluster."""

    __slots__ = ()


def score(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], *, lang: str | None = None
) -> Scores:
    """Score predicted rows (contract 2/3) against gold rows (eval/ANNOTATION.md).

    See the module docstring for exactly how every figure is counted. Raises ValueError when a
    report id appears twice on one side.
    """
    gold_by_id = _index(gold, "gold")
    pred_by_id = _index(pred, "predictions")
    kept = {rid: row for rid, row in gold_by_id.items() if lang is None or row.get("lang") == lang}
    result = Scores(lang=lang)
    result.unknown_pred_ids = [
        rid for rid, row in pred_by_id.items()
        if rid not in gold_by_id
        and (lang is None or row.get("lang") in (None, lang))
    ]
    any_links = any(
        not is_null(claim.get("incident"))
        for rid in kept if rid in pred_by_id
        for claim in _incidents(pred_by_id[rid])
    )
    gold_labels: list[Any] = []
    pred_labels: list[Any] = []
    for rid, grow in kept.items():
        g_incs = _incidents(grow)
        result.reports += 1
        result.gold_incidents += len(g_incs)
        prow = pred_by_id.get(rid)
        if prow is None:
            result.missing_report_ids.append(rid)
            p_incs: list[Incident] = []
        else:
            p_incs = _incidents(prow)
        result.pred_incidents += len(p_incs)
        if not g_incs:
            result.negative_reports += 1
            result.negative_reports_with_predictions += bool(p_incs)
        pairs = match_incidents(g_incs, p_incs) if g_incs and p_incs else []
        result.matched += len(pairs)
        result.detection.tp += len(pairs)
        result.detection.fp += len(p_incs) - len(pairs)
        result.detection.fn += len(g_incs) - len(pairs)
        for gi, pi in pairs:
            for name, s in result.fields.items():
                _score_field(s, name, g_incs[gi], p_incs[pi])
        matched_pred = dict(pairs)
        for gi, g in enumerate(g_incs):
            cluster = g.get("cluster")
            gold_labels.append(("cluster", cluster) if not is_null(cluster) else _Singleton())
            link = p_incs[matched_pred[gi]].get("incident") if gi in matched_pred else None
            pred_labels.append(("incident", str(link)) if not is_null(link) else _Singleton())
    if any_links:
        precision, recall = bcubed(gold_labels, pred_labels)
        result.linking = LinkScore(
            precision=precision,
            recall=recall,
            items=len(gold_labels),
            gold_clusters=len(set(gold_labels)),
            pred_clusters=len(set(pred_labels)),
        )
    return result
