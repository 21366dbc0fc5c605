"""Read counts written in digits (Latin, Arabic-Indic), number words and vague plurals.

Reports write the same toll as "23", "٢٣", "twenty-three", "ثلاثة وعشرون"; monitors also write
vague amounts ("dozens", "عشرات") that the annotation guide turns into a conventional floor.
The words live in `civcas/data/lexicons/<lang>/numbers.toml`; this module only builds
patterns from them (compiled once per language) and adds numbers up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, NamedTuple

from civcas.knowledge.lexicon import load

# Decimal digits of the scripts our reports are written in: Latin, Arabic-Indic, Persian.
DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_SEPARATORS = ",\u066c"  # thousands separators: "1,200", "١٬٢٠٠"
# A run of digits, with thousands groups where written so.
DIGITS = rf"[{DIGIT}]{{1,3}}(?:[{_SEPARATORS}][{DIGIT}]{{3}})+(?![{DIGIT}])|[{DIGIT}]+"
_DIGITS_RE = re.compile(DIGITS)
# A word standing for a name in a phrase ("members of the * family"): one or two words.
NAME = r"[^\W\d_][\w'’\-]*(?:\s+[^\W\d_][\w'’\-]*)?"
_END = "\x00"  # trie marker: a phrase ends here


class Amount(NamedTuple):
    """A number read from a text: its value and where its words are (a tuple: made often).

    `vague` marks a vague plural ("dozens"): `value` is then the floor the annotation guide
    counts it as, not a count anybody wrote.
    """

    value: int
    start: int
    end: int
    vague: bool = False


class Script:
    """How a language's words may vary in writing: letters that stand for one another and marks
    that may be left out (Arabic hamza forms, taa marbuta, vowel marks, tatweel).

    Read from `lexicons/<lang>/script.toml`, the one place for these rules (phrase matching reads
    the same file); a language without that file writes its words one way only."""

    def __init__(self, lang: str) -> None:
        data = load(lang, "script")
        self._class: dict[str, str] = {}
        for group in _strings(data.get("equivalent", [])):
            for ch in group:
                self._class[ch] = group
        self.ignorable: str = str(data.get("ignorable", ""))
        table: dict[int, Any] = {ord(ch): group[0] for ch, group in self._class.items()}
        table.update({ord(ch): None for ch in self.ignorable})
        self._table = table
        self._marks = "[" + _ranges(self.ignorable) + "]*" if self.ignorable else ""

    @property
    def plain(self) -> bool:
        """No letters to fold and no marks to drop: lower-cased text is already normal."""
        return not self._table

    def normalize(self, s: str) -> str:
        """The form lexicon lookups use: lower case, variants folded, ignorable marks dropped."""
        s = s.lower()
        if self._table:
            s = s.translate(self._table)
        return " ".join(s.split()) if not s.isalnum() else s

    def char(self, ch: str) -> tuple[str, str]:
        """Trie key and regex source for one character of a phrase."""
        group = self._class.get(ch.lower())
        if group is None:
            key, source = ch.lower(), re.escape(ch)
        else:
            key, source = group[0], "[" + "".join(re.escape(c) for c in group) + "]"
        return key, source + self.marks(ch)

    def marks(self, ch: str) -> str:
        """Regex source for the ignorable marks that may follow the letter `ch`."""
        return self._marks if ch.isalpha() else ""


def _ranges(chars: str) -> str:
    """A character class body for `chars`, runs of code points written as ranges (the same
    class repeats after every letter of an Arabic pattern, so its length matters)."""
    points = sorted({ord(c) for c in chars})
    out: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = re.escape(chr(points[i])), re.escape(chr(points[j]))
        out.append(first if i == j else f"{first}-{last}" if j > i + 1 else first + last)
        i = j + 1
    return "".join(out)


@cache
def script(lang: str) -> Script:
    return Script(lang)


def _strings(value: Any) -> list[str]:
    """The strings of a lexicon list (other items are ignored, so bad user data cannot crash)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


def _units(phrase: str, lang: str, fills: Mapping[str, str]) -> list[tuple[str, str]]:
    """A phrase as a list of (trie key, regex source): characters, spaces and placeholders."""
    sc = script(lang)
    out: list[tuple[str, str]] = []
    i, n = 0, len(phrase)
    while i < n:
        ch = phrase[i]
        if ch.isspace():
            while i < n and phrase[i].isspace():
                i += 1
            out.append((" ", r"\s+"))
            continue
        if ch == "{" and "}" in phrase[i:]:
            j = phrase.index("}", i)
            name = phrase[i + 1 : j]
            if name in fills and fills[name]:
                out.append(("{" + name + "}", "(?:" + fills[name] + ")"))
            else:
                return []  # a placeholder this language cannot fill: drop the phrase
            i = j + 1
            continue
        if ch == "*":
            out.append(("*", "(?:" + NAME + ")"))
        elif ch in "-‐‑":
            out.append(("-", r"[-‐‑]"))
        elif ch in "'’":
            out.append(("'", "['’]"))
        else:
            out.append(sc.char(ch))
        i += 1
    return out


def phrase_pattern(
    phrases: Iterable[str], lang: str, fills: Mapping[str, str] | None = None
) -> str:
    """Regex source matching any of `phrases`, factored as a trie so that matching costs one
    character test per position instead of one test per phrase. Longer phrases are tried
    first. Spaces match runs of white space; "{name}" is replaced by the regex fills[name];
    "*" matches a name of one or two words. Returns a never-matching pattern for no phrases.
    """
    root: dict[str, Any] = {}
    for phrase in phrases:
        units = _units(phrase.strip(), lang, fills or {})
        if not units:
            continue
        node = root
        for key, source in units:
            node = node.setdefault(key, (source, {}))[1]
        node[_END] = True
    source = _emit(root)
    return source if source else "(?!)"


def _emit(node: Mapping[str, Any]) -> str:
    alts = [v[0] + _emit(v[1]) for key, v in node.items() if key != _END]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if _END in node:
        return "(?:" + body + ")?"
    return body


class NumberReader:
    """Number patterns of one language and the arithmetic that reads them.

    Patterns are regex sources without capturing groups, to be embedded in larger patterns:
    `digits`, `words` (a run of number words: "twenty-three", "one hundred and five",
    "ثلاثة وعشرون"), `vague` ("dozens", "عشرات") and `proclitic` (letters written joined to a
    number, Arabic "و"/"ب"; may be empty).
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        data = load(lang, "numbers")
        sc = script(lang)
        self._norm = sc.normalize
        self._words: dict[str, int] = {}
        for word, value in dict(data.get("words", {})).items():
            if isinstance(value, int) and value > 0:
                self._words[sc.normalize(word)] = value
        self._scales: dict[str, int] = {}
        for word, value in dict(data.get("scales", {})).items():
            if isinstance(value, int) and value > 1:
                self._scales[sc.normalize(word)] = value
        self._vague: dict[str, int] = {}
        for word, value in dict(data.get("vague", {})).items():
            if isinstance(value, int) and value > 0:
                self._vague[sc.normalize(word)] = value
        self._teens = {sc.normalize(w) for w in _strings(data.get("teen_words", []))}
        self._articles = {sc.normalize(w) for w in _strings(data.get("articles", []))}
        self._joiners = {sc.normalize(w) for w in _strings(data.get("joiners", []))}
        self._joiner_after_scale_only = bool(data.get("joiner_after_scale_only", False))
        self._units_before_tens = bool(data.get("units_before_tens", False))

        # Patterns are lower case: callers match them on lower-cased text, or with IGNORECASE.
        scales = [w.lower() for w in dict(data.get("scales", {})).keys()]
        self.first_words: list[str] = (
            [w.lower() for w in dict(data.get("words", {})).keys()]
            + scales
            + [w.lower() for w in _strings(data.get("teen_words", []))]
        )
        self.scale_words = {sc.normalize(w) for w in scales}
        word = phrase_pattern(self.first_words, lang)
        scale = phrase_pattern(scales, lang)
        article = phrase_pattern([w.lower() for w in _strings(data.get("articles", []))], lang)
        joiner = phrase_pattern([w.lower() for w in _strings(data.get("joiners", []))], lang)
        self.proclitics = [w.lower() for w in _strings(data.get("proclitics", []))]
        self.proclitic = phrase_pattern(self.proclitics, lang)
        if self.proclitic == "(?!)":
            self.proclitic = ""
        sep = rf"(?:\s+(?:(?:{joiner})\s*)?|[-‐‑])"
        lead = rf"(?:(?:{article})\s+(?=(?:{scale})(?!\w)))?"
        self.digits = DIGITS
        self.words = rf"{lead}(?:{word})(?:{sep}(?:{word})(?!\w))*"
        self.vague_words = [w.lower() for w in dict(data.get("vague", {})).keys()]
        self.vague = phrase_pattern(self.vague_words, lang)
        # One word of a run, with the joiner that may come before it (used only inside a run
        # already matched, so it needs no left boundary: "وثماني" reads from "ثماني").
        self._token = re.compile(
            rf"(?:(?P<j>{joiner})\s*)??(?P<w>(?:{article})(?=\s)|{word})(?!\w)",
            re.IGNORECASE,
        )
        self._any = re.compile(
            rf"(?<![\w.,/:\-‐])(?:(?P<d>{DIGITS})(?![\w]|[.,٫٬][{DIGIT}]|[-‐‑][^\W\d_])"
            rf"|(?P<v>{self.vague})(?!\w)|(?P<n>{self.words})(?!\w))",
            re.IGNORECASE,
        )

    def read(self, text: str, start: int, end: int) -> Amount | None:
        """The number written at text[start:end] (digits, a vague plural or number words).

        Number words are read as far as they make one number: "three and four" reads 3 and ends
        after "three". None when nothing there is a number.
        """
        if start >= end:
            return None
        if text[start].isdigit():
            raw = text[start:end]
            if not raw.isdigit():
                if _DIGITS_RE.fullmatch(raw) is None:
                    return None  # "3.5", "1,20": not a head count
                raw = "".join(ch for ch in raw if ch.isdigit())  # "1,200"
            try:
                return Amount(int(raw), start, end)
            except ValueError:
                return None
        vague = self._vague.get(self._norm(text[start:end]))
        if vague is not None:
            return Amount(vague, start, end, vague=True)
        return self._read_words(text, start, end)

    def _read_words(self, text: str, start: int, end: int) -> Amount | None:
        total = current = 0
        last_kind = ""
        last_value = 0
        first_start = -1
        last_end = start
        for m in self._token.finditer(text, start, end):
            word = self._norm(m.group("w"))
            joined = m.group("j") is not None and last_kind != ""
            if word in self._articles:
                kind, value = "article", 1
            elif word in self._scales:
                kind, value = "scale", self._scales[word]
            elif word in self._teens:
                kind, value = "teen", 10
            elif word in self._words:
                kind, value = "add", self._words[word]
            else:
                break
            if last_kind and joined and self._joiner_after_scale_only and last_kind != "scale":
                break
            if kind == "article":
                if last_kind:
                    break
                current = 1
            elif kind == "scale":
                if last_kind == "scale" and value <= last_value:
                    break
                if value >= 1000:
                    total += max(current, 1) * value
                    current = 0
                else:
                    current = max(current, 1) * value
            elif kind == "teen":
                if last_kind == "add" and 1 <= last_value <= 9 and current == last_value:
                    current += 10
                elif not last_kind:
                    current = 10
                else:
                    break
            elif last_kind == "article":
                break
            elif not self._can_add(current, value, joined):
                break
            else:
                current += value
            if first_start < 0:
                first_start = m.start("w")
            last_kind, last_value, last_end = kind, value, m.end()
        if first_start < 0 or last_kind == "article":
            return None
        value = total + current
        return Amount(value, first_start, last_end) if value > 0 else None

    def _can_add(self, current: int, value: int, joined: bool) -> bool:
        """Whether `value` continues the number so far: "twenty" + "three"; in Arabic also
        "ثلاثة" + "و" + "عشرون" (units before tens); never "three" + "four"."""
        if current == 0:
            return True
        place = 10 ** (len(str(value)) - 1)
        if current > value and current % (place * 10) == 0:
            return True
        return self._units_before_tens and joined and current < place and value % place == 0

    def find(self, text: str) -> list[Amount]:
        """Every number of `text`, in order (digits glued to letters, "3am", "F-15E", are not)."""
        out: list[Amount] = []
        for m in self._any.finditer(text):
            amount = self.read(text, m.start(), m.end())
            if amount is not None:
                out.append(amount)
        return out


@cache
def reader(lang: str) -> NumberReader:
    """The number reader of `lang`, built once."""
    return NumberReader(lang)


def find_numbers(text: str, lang: str = "en") -> list[Amount]:
    """Every number written in `text`: digits, number words and vague plurals."""
    return reader(lang).find(text)


def read_number(phrase: str, lang: str = "en") -> int | None:
    """The value of a whole phrase such as "twenty-three", "1,200", "ثلاثة" (None if it is not
    one number from start to end)."""
    phrase = phrase.strip()
    amount = reader(lang).read(phrase, 0, len(phrase))
    if amount is None or amount.start != 0 or amount.end != len(phrase):
        return None
    return amount.value
