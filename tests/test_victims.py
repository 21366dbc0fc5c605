"""Named victims, on sentences written for these tests."""

from __future__ import annotations

from civcas.extract.victims import find_victim_names


def names(text: str) -> list[str]:
    found = find_victim_names(text)
    for n in found:
        assert n.span.of(text) == n.name
    return [n.name for n in found]


def test_list_after_cue() -> None:
    text = (
        "The victims were identified as Salim Khalaf Al-Hamad, his wife, "
        "Noura Al-Hamad and Abd Al-Karim Al-Issa."
    )
    assert names(text) == ["Salim Khalaf Al-Hamad", "Noura Al-Hamad", "Abd Al-Karim Al-Issa"]


def test_bracketed_list_with_relations() -> None:
    text = (
        "The names so far are: ( Fadi Omar Al-Jasim and his family, Layla Al-Jasim, and others )."
    )
    assert names(text) == ["Fadi Omar Al-Jasim", "Layla Al-Jasim"]


def test_named_person() -> None:
    assert names("A commander named Hamid Al-Darwish was killed.") == ["Hamid Al-Darwish"]


def test_no_names_without_cue() -> None:
    assert names("Fadi Omar Al-Jasim spoke to the press in Hajin.") == []


def test_places_are_not_names() -> None:
    assert names("The victims were killed in Al-Baghuz Fawqani on Friday.") == []
