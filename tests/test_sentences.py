"""Sentence splitting keeps offsets into the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from civcas.extract.sentences import split_sentences


def test_split_keeps_abbreviations() -> None:
    text = "The U.S. military said so. Jan. 5 was calm!\nNew line"
    parts = [s.of(text) for s in split_sentences(text)]
    assert parts == ["The U.S. military said so.", "Jan. 5 was calm!", "New line"]


@given(st.text())
def test_spans_inside_text(text: str) -> None:
    for span in split_sentences(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.of(text).strip() == span.of(text)


def test_an_arabic_sentence_run_into_the_full_stop_is_split() -> None:
    """Posts often glue the next sentence to the full stop ("حلب.وقال"); the dots that cut a
    word against filters ("د.اع.ش") are no sentence end."""
    text = "سقطت قذائف على حي في حلب.وقال ناشطون إن عناصر د.اع.ش انسحبوا"
    assert [s.of(text) for s in split_sentences(text)] == [
        "سقطت قذائف على حي في حلب.",
        "وقال ناشطون إن عناصر د.اع.ش انسحبوا",
    ]
