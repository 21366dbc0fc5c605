"""Ingest: every format read into Reports, every bad item an IngestError, the batch going on."""

from __future__ import annotations

import dataclasses
import json
import os
import time
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civcas.ingest import IngestError, count_inputs, expand_inputs, read_reports
from civcas.ingest.dates import parse_published
from civcas.ingest.registry import READERS
from civcas.model import Report, content_hash

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARABIC = (
    "قصفت طائرات حربية صباح اليوم سوقاً شعبياً في بلدة صغيرة بريف المحافظة الشرقي، "
    "ما أدى إلى مقتل سبعة مدنيين بينهم طفلان وامرأة، وإصابة آخرين بجروح متفاوتة.\n"
)


def read_all(*inputs: str | Path, **options: Any) -> list[Report | IngestError]:
    return list(read_reports(list(inputs), **options))


def reports(results: list[Report | IngestError]) -> list[Report]:
    return [r for r in results if isinstance(r, Report)]


def errors(results: list[Report | IngestError]) -> list[IngestError]:
    return [r for r in results if isinstance(r, IngestError)]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


# --- JSON Lines and JSON ---------------------------------------------------------------------


def test_jsonl_fixture_reads_good_lines_and_names_bad_ones() -> None:
    path = FIXTURES / "reports.jsonl"
    results = read_all(path)
    assert [type(r).__name__ for r in results] == [
        "Report",
        "Report",
        "IngestError",
        "Report",
        "IngestError",
        "Report",
    ]
    first = results[0]
    assert isinstance(first, Report)
    assert first.id == "fx-1"
    assert first.url == "https://news.example.com/a/1"
    assert first.outlet == "Example News"
    assert first.lang == "en"
    assert first.published == date(2018, 7, 21)
    assert first.title == "Air strike on a farm"
    assert first.text.startswith("Air strike on a farm\n\n")
    assert first.source == f"{path}:1"
    assert [e.item for e in errors(results)] == [f"{path}:3", f"{path}:5"]
    assert "broken JSON" in errors(results)[0].reason
    assert '"text"' in errors(results)[1].reason
    last = results[-1]
    assert isinstance(last, Report) and last.id == "fx-6"


def test_jsonl_levantine_date_and_arabic_text() -> None:
    second = reports(read_all(FIXTURES / "reports.jsonl"))[1]
    assert second.lang == "ar"
    assert second.published == date(2019, 1, 18)
    assert second.text.startswith(second.title or "?")


def test_jsonl_line_without_id_gets_content_hash_id_stable_across_runs(tmp_path: Path) -> None:
    text = "A report with no id."
    path = write(tmp_path, "a.jsonl", "\n" + jsonl({"text": text}))
    first = reports(read_all(path))
    again = reports(read_all(path))
    assert len(first) == 1
    assert first[0].id == Report(text=text).id == "sha256:" + content_hash(text)[:16]
    assert again[0].id == first[0].id
    assert first[0].source == f"{path}:2"  # blank line 1 skipped, numbering kept


def test_jsonl_line_not_an_object_and_empty_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.jsonl",
        '[1, 2]\n"just a string"\n{"text": "   "}\n{"text": 5}\n{"id": [1], "text": "x"}\n'
        '{"text": "still read"}\n',
    )
    results = read_all(path)
    assert [e.item for e in errors(results)] == [f"{path}:{n}" for n in range(1, 6)]
    assert [r.text for r in reports(results)] == ["still read"]


def test_jsonl_numeric_id_and_unknown_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "a.ndjson", jsonl({"id": 17, "text": "t", "incidents": [], "x": {}}))
    (report,) = read_all(path)
    assert isinstance(report, Report) and report.id == "17"


def test_jsonl_deeply_nested_line_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", "[" * 100_000 + "\n" + jsonl({"text": "after"}))
    results = read_all(path)
    assert [e.item for e in errors(results)] == [f"{path}:1"]
    assert [r.text for r in reports(results)] == ["after"]


def test_json_array_file(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "one"}, {"id": "b"}, {"id": "c", "text": "three"}]
    path = write(tmp_path, "a.json", json.dumps(records))
    results = read_all(path)
    assert [r.id for r in reports(results)] == ["a", "c"]
    assert reports(results)[0].source == f"{path}:item 1"
    assert [e.item for e in errors(results)] == [f"{path}:item 2"]


def test_json_single_object_and_json_holding_lines(tmp_path: Path) -> None:
    single = write(tmp_path, "one.json", json.dumps({"id": "s", "text": "single"}, indent=2))
    lines = write(tmp_path, "lines.json", jsonl({"text": "l1"}, {"text": "l2"}))
    broken = write(tmp_path, "broken.json", '{"text": "no end"')
    results = read_all(single, lines, broken)
    assert [r.text for r in reports(results)] == ["single", "l1", "l2"]
    assert [e.item for e in errors(results)] == [str(broken)]


# --- published dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-01-18", date(2019, 1, 18)),
        ("2024-11-30T12:50:21.000Z", date(2024, 11, 30)),
        ("2019-01-18 10:00", date(2019, 1, 18)),
        ("18 January 2019", date(2019, 1, 18)),
        ("Fri, 18 Jan 2019 10:00:00 GMT", date(2019, 1, 18)),
        ("November 23, 2025", date(2025, 11, 23)),
        ("23 نوفمبر 2025", date(2025, 11, 23)),
        ("١٨ يناير ٢٠١٩", date(2019, 1, 18)),
        ("18 كانون الثاني 2019", date(2019, 1, 18)),
        ("3 آب 2018", date(2018, 8, 3)),
        ("yesterday", None),
        ("3 days ago", None),
        ("أمس", None),
        ("today", None),
        ("March 2019", None),  # no day: not guessed
        ("2019-13-45", None),
        ("not a date", None),
        ("", None),
        (None, None),
        (20190118, None),
    ],
)
def test_parse_published(value: object, expected: date | None) -> None:
    assert parse_published(value) == expected


# --- plain text -----------------------------------------------------------------------------


def test_text_file_title_is_first_line_and_text_is_whole_file() -> None:
    path = FIXTURES / "report.txt"
    (report,) = read_all(path)
    assert isinstance(report, Report)
    assert report.title == "Drone strike on a car near the border crossing"
    assert report.text == path.read_text(encoding="utf-8")
    assert report.source == str(path)
    assert report.id == Report(text=report.text).id


def test_text_normalisation_is_crlf_and_nfc_only(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Café\r\n\r\n  two  spaces\tand tab\r\n")
    path = write(tmp_path, "a.txt", decomposed.encode("utf-8"))
    (report,) = read_all(path)
    assert isinstance(report, Report)
    assert report.text == "Café\n\n  two  spaces\tand tab\n"
    assert report.title == "Café"


def test_markdown_title_loses_its_hash_marks_but_text_keeps_them(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "\n\n# Heading here\n\nBody.\n")
    (report,) = read_all(path)
    assert isinstance(report, Report)
    assert report.title == "Heading here"
    assert report.text == "\n\n# Heading here\n\nBody.\n"


# --- HTML -----------------------------------------------------------------------------------


def test_html_page_text_title_date_url() -> None:
    (report,) = read_all(FIXTURES / "article.html")
    assert isinstance(report, Report)
    assert report.title == "Shelling kills five in river town"
    assert report.text.startswith("Shelling kills five in river town\n\nArtillery shells struck")
    assert "Nine other people were hurt." in report.text
    assert "Copyright" not in report.text and "Most read" not in report.text
    assert report.text.count("Shelling kills five") == 1
    assert report.url == "https://monitor.example.org/2019/03/shelling-river-town"
    assert report.outlet == "The Example Monitor"
    assert report.published == date(2019, 3, 14)
    assert report.lang == "en"


def test_html_og_url(tmp_path: Path) -> None:
    page = (
        '<html><head><meta property="og:url" content="https://og.example.org/story">'
        "<title>A story</title></head><body><p>A rocket hit a house in the old quarter, "
        "killing a man and his son, neighbours said.</p></body></html>"
    )
    (report,) = read_all(write(tmp_path, "a.htm", page))
    assert isinstance(report, Report)
    assert report.url == "https://og.example.org/story"
    assert "A rocket hit a house" in report.text


def test_malformed_html_still_gives_text(tmp_path: Path) -> None:
    page = (
        "<html><body><div><p>An air raid killed <b>four civilians in the village on Tuesday, "
        "residents said<p>Rescuers searched the rubble for hours <div></span></td></body>"
    )
    (report,) = read_all(write(tmp_path, "a.html", page))
    assert isinstance(report, Report)
    assert "four civilians in the village" in report.text


def test_html_without_text_is_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    empty = write(
        tmp_path, "a.html", "<html><head><title>x</title></head><body><script>1</script></html>"
    )
    after = write(tmp_path, "b.txt", "after")
    results = read_all(empty, after)
    assert [e.item for e in errors(results)] == [str(empty)]
    assert "no article text" in errors(results)[0].reason
    assert [r.text for r in reports(results)] == ["after"]


def test_html_in_legacy_encoding_declared_in_meta(tmp_path: Path) -> None:
    page = (
        '<html lang="ar"><head><meta charset="windows-1256"><title>خبر</title></head><body>'
        f"<article><p>{ARABIC}</p><p>{ARABIC}</p></article></body></html>"
    )
    (report,) = read_all(write(tmp_path, "a.html", page.encode("cp1256")))
    assert isinstance(report, Report)
    assert ARABIC.strip() in report.text
    assert report.lang == "ar"


# --- CSV / TSV ------------------------------------------------------------------------------


def test_csv_autodetects_text_column_and_maps_fields() -> None:
    path = FIXTURES / "reports.csv"
    results = read_all(path)
    first, third = reports(results)
    assert first.id == "c-1"
    assert first.title == "Market hit"
    assert first.outlet == "Example Post"
    assert first.published == date(2017, 5, 2)
    assert first.url == "https://post.example.net/1"
    assert first.text.startswith("An air strike hit the central market")
    assert first.source == f"{path}:row 2"
    assert [e.item for e in errors(results)] == [f"{path}:row 3"]
    assert third.text == "First line of a quoted text\nsecond line of the same text, with a comma."
    assert third.published == date(2017, 5, 5)
    assert third.source == f"{path}:row 4"


def test_tsv() -> None:
    results = read_all(FIXTURES / "reports.tsv")
    assert [(r.id, r.lang, r.title) for r in reports(results)] == [
        ("t-1", "en", "Tab one"),
        ("t-2", "ar", "Tab two"),
    ]
    assert not errors(results)


def test_csv_text_column_option(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "id,summary,text\n1,the words,short\n")
    (report,) = read_all(path, text_column="Summary")
    assert isinstance(report, Report) and report.text == "the words"
    (error,) = read_all(path, text_column="missing")
    assert isinstance(error, IngestError) and error.item == str(path)
    assert "summary" in error.reason


def test_csv_without_text_column_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "a,b\n1,2\n")
    (error,) = read_all(path)
    assert isinstance(error, IngestError) and "text_column" in error.reason


def test_csv_semicolon_and_long_field(tmp_path: Path) -> None:
    long_text = "word " * 100_000  # over the csv module's default 131,072-character field limit
    path = write(tmp_path, "a.csv", f'Notes;Event_Date\n"{long_text}";02 June 2023\n')
    (report,) = read_all(path)
    assert isinstance(report, Report)
    assert report.text == long_text
    assert report.published == date(2023, 6, 2)


def test_csv_unterminated_quote_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", 'id,text\n1,fine\n2,"never closed\n3,lost\n')
    after = write(tmp_path, "b.txt", "after")
    results = read_all(path, after)
    assert [r.text for r in reports(results)] == ["fine", "after"]
    assert [e.item for e in errors(results)] == [f"{path}:row 3"]


def test_csv_bad_quoting_mid_file_goes_on(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", 'id,text\n1,"bad"quote\n2,good\n')
    results = read_all(path)
    assert [e.item for e in errors(results)] == [f"{path}:row 2"]
    assert [r.text for r in reports(results)] == ["good"]


def test_csv_with_nul_bytes_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", b"id,text\n1,a\x00b\n")
    (error,) = read_all(path)
    assert isinstance(error, IngestError) and error.item == str(path)


# --- sniffing unknown extensions ------------------------------------------------------------


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    as_json = write(tmp_path, "a.data", jsonl({"id": "j", "text": "json"}))
    as_html = write(
        tmp_path,
        "b.page",
        "<!DOCTYPE html><html><body><article><p>A car bomb exploded near the bus station, "
        "killing three people, police said.</p></article></body></html>",
    )
    as_csv = write(tmp_path, "c.export", "id,content\nk,from a table\n")
    as_text = write(tmp_path, "d", "Just words.\nMore words.\n")
    results = read_all(as_json, as_html, as_csv, as_text)
    assert not errors(results)
    got = reports(results)
    assert got[0].id == "j"
    assert "car bomb" in got[1].text and "<" not in got[1].text
    assert got[2].id == "k" and got[2].text == "from a table"
    assert got[3].text == "Just words.\nMore words.\n" and got[3].title == "Just words."


def test_registry_covers_every_documented_extension() -> None:
    for ext in (".jsonl", ".ndjson", ".json", ".txt", ".md", ".html", ".htm", ".csv", ".tsv"):
        assert ext in READERS


# --- inputs: directories, globs, missing paths ----------------------------------------------


def test_directories_recursive_sorted_without_hidden(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "b")
    write(tmp_path, "a/z.txt", "z")
    write(tmp_path, "a/c.txt", "c")
    write(tmp_path, ".hidden.txt", "hidden")
    write(tmp_path, ".git/config.txt", "hidden dir")
    write(tmp_path, "a/.secret/x.txt", "hidden dir")
    expected = [tmp_path / "a/c.txt", tmp_path / "a/z.txt", tmp_path / "b.txt"]
    assert expand_inputs([tmp_path]) == expected
    assert count_inputs([tmp_path, str(tmp_path / "b.txt")]) == 3  # each file once
    assert [r.text for r in reports(read_all(tmp_path))] == ["c", "z", "b"]


def test_globs_and_missing_inputs(tmp_path: Path) -> None:
    write(tmp_path, "r/2.jsonl", jsonl({"text": "two"}))
    write(tmp_path, "r/1.jsonl", jsonl({"text": "one"}))
    write(tmp_path, "r/x.txt", "not matched")
    missing_glob = str(tmp_path / "none/*.jsonl")
    missing_path = str(tmp_path / "nope.jsonl")
    results = read_all(missing_path, str(tmp_path / "r/*.jsonl"), missing_glob)
    assert [r.text for r in reports(results)] == ["one", "two"]
    assert [e.item for e in errors(results)] == [missing_path, missing_glob]
    assert "no such file" in errors(results)[0].reason
    assert "matches no files" in errors(results)[1].reason
    assert expand_inputs([str(tmp_path / "r/*.jsonl"), missing_path]) == [
        tmp_path / "r/1.jsonl",
        tmp_path / "r/2.jsonl",
    ]


def test_recursive_glob(tmp_path: Path) -> None:
    write(tmp_path, "a/b/deep.txt", "deep")
    write(tmp_path, "top.txt", "top")
    found = expand_inputs([str(tmp_path / "**/*.txt")])
    assert found == sorted([tmp_path / "a/b/deep.txt", tmp_path / "top.txt"])


# --- bad items ------------------------------------------------------------------------------


BAD_ITEMS: dict[str, tuple[bytes, str]] = {
    "binary.jsonl": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)), "binary"),
    "controls.txt": (bytes(range(1, 9)) * 50, "binary"),
    "empty.txt": (b"", "empty"),
    "blank.jsonl": (b" \n\n\t\r\n", "empty"),
    "undecodable.txt": (bytes(range(0x80, 0x100)) * 3 + b"\xff\xfe\xfd", "cannot decode"),
    "bad-bom.txt": (b"\xef\xbb\xbf" + b"\xff\xfe\x80abc", "cannot decode"),
}


@pytest.mark.parametrize("name", sorted(BAD_ITEMS))
def test_bad_file_is_an_error_naming_it_and_the_batch_goes_on(tmp_path: Path, name: str) -> None:
    content, words = BAD_ITEMS[name]
    before = write(tmp_path, "0-before.txt", "before")
    bad = write(tmp_path, f"1-{name}", content)
    after = write(tmp_path, "2-after.jsonl", jsonl({"text": "after"}))
    results = read_all(before, bad, after)
    assert [r.text for r in reports(results)] == ["before", "after"]
    (error,) = errors(results)
    assert error.item == str(bad)
    assert words in error.reason
    assert str(error) == f"{bad}: {error.reason}"


def test_huge_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    after = write(tmp_path, "after.txt", "after")
    real_open = Path.open

    def guarded_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        assert self != huge, "the huge file was opened"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    started = time.perf_counter()
    results = read_all(huge, after)
    assert time.perf_counter() - started < 2
    (error,) = errors(results)
    assert error.item == str(huge)
    assert "52,428,800" in error.reason and "20,000,000" in error.reason
    assert [r.text for r in reports(results)] == ["after"]


def test_max_bytes_option(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "x" * 101)
    (error,) = read_all(path, max_bytes=100)
    assert isinstance(error, IngestError) and "max_bytes" in error.reason
    (report,) = read_all(path, max_bytes=101)
    assert isinstance(report, Report)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    (error,) = read_all(pipe)
    assert isinstance(error, IngestError) and "regular file" in error.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "secret")
    path.chmod(0)
    (error,) = read_all(path)
    assert isinstance(error, IngestError) and "cannot read" in error.reason


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1256", "utf-8-sig", "utf-16", "utf-32"])
def test_arabic_in_legacy_and_bom_encodings(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "a.txt", ARABIC.encode(encoding))
    (report,) = read_all(path)
    assert isinstance(report, Report)
    assert report.text == ARABIC


def test_short_cp1256_jsonl(tmp_path: Path) -> None:
    line = jsonl({"id": "w", "lang": "ar", "text": "مقتل مدنيين في قصف على بلدة"})
    (report,) = read_all(write(tmp_path, "a.jsonl", line.encode("cp1256")))
    assert isinstance(report, Report) and report.text == "مقتل مدنيين في قصف على بلدة"


def test_latin1_text(tmp_path: Path) -> None:
    text = "Éléphant à l'école, où est-il ? Très bien, merci.\n"
    (report,) = read_all(write(tmp_path, "a.txt", text.encode("latin-1")))
    assert isinstance(report, Report) and report.text == text


# --- ids and duplicates ---------------------------------------------------------------------


def test_exact_duplicate_is_skipped_and_clashing_id_is_an_error(tmp_path: Path) -> None:
    first = write(tmp_path, "a.jsonl", jsonl({"id": "x", "text": "same"}, {"text": "no id"}))
    again = write(tmp_path, "b.jsonl", jsonl({"id": "x", "text": "same"}, {"text": "no id"}))
    clash = write(tmp_path, "c.jsonl", jsonl({"id": "x", "text": "different"}))
    results = read_all(first, again, clash)
    assert [r.source for r in reports(results)] == [f"{first}:1", f"{first}:2"]
    (error,) = errors(results)
    assert error.item == f"{clash}:1"
    assert "duplicate id" in error.reason and f"{first}:1" in error.reason


def test_same_text_in_two_formats_is_one_report(tmp_path: Path) -> None:
    text = "One story, two files."
    results = read_all(
        write(tmp_path, "a.txt", text), write(tmp_path, "b.jsonl", jsonl({"text": text}))
    )
    assert len(reports(results)) == 1 and not errors(results)


def test_ingest_error_is_frozen_and_prints_item_and_reason() -> None:
    error = IngestError("f.jsonl:3", "broken JSON; fix it")
    assert str(error) == "f.jsonl:3: broken JSON; fix it"
    with pytest.raises(dataclasses.FrozenInstanceError):
        error.item = "other"  # type: ignore[misc]


# --- robustness -----------------------------------------------------------------------------


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    content=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=500).map(lambda t: t.encode("utf-8")),
        st.sampled_from(
            [b"{", b"[", b"<html>", b"id,text\n", b'"', b"\xef\xbb\xbf", b"\xff\xfe"]
        ).flatmap(lambda head: st.binary(max_size=500).map(lambda tail: head + tail)),
    ),
    extension=st.sampled_from(
        [".jsonl", ".json", ".txt", ".md", ".html", ".csv", ".tsv", ".bin", ""]
    ),
)
def test_arbitrary_bytes_never_raise(tmp_path: Path, content: bytes, extension: str) -> None:
    path = tmp_path / f"fuzz{extension}"
    path.write_bytes(content)
    after = tmp_path / "zz-after.txt"
    after.write_text("after", encoding="utf-8")
    results = read_all(path, after)
    assert all(isinstance(r, Report | IngestError) for r in results)
    assert all(r.text.strip() for r in reports(results))
    assert any(isinstance(r, Report) and r.source == str(after) for r in results) or any(
        isinstance(r, Report) and r.text == "after" for r in results
    )
    assert not any("civcas bug" in e.reason for e in errors(results))


def test_post_time_stamp_stands_for_a_missing_publication_date() -> None:
    """Copied social-media posts carry their time next to a middle dot; a date in the post's
    own words is the incident's and never taken for the publication's."""
    from datetime import date

    from civcas.ingest.dates import stamped_date
    from civcas.ingest.records import report_from_fields

    assert stamped_date("Post Post Monitor@m قصف على البلدة 9:15 AM · Mar 4, 20201.2K Views") == (
        date(2020, 3, 4)
    )
    assert stamped_date("Page AI content · June 2, 2021 · Shared with Public غارة") == date(
        2021, 6, 2
    )
    assert stamped_date("Shelling hit the town on 4 March 2020, killing two.") is None
    row = {"text": "Post · Mar 4, 2020 · Warplanes struck the village yesterday, killing 3."}
    assert report_from_fields(row, "t").published == date(2020, 3, 4)
    dated = dict(row, published="2020-03-05")
    assert report_from_fields(dated, "t").published == date(2020, 3, 5)


def test_a_stamp_glued_to_the_page_name_dates_the_report() -> None:
    """Facebook pages copied as text glue the page's name to the stamp ("صفحة الخبرNovember
    28, 2024 ·", "Adar PressOctober 25, 2024 ·")."""
    from datetime import date

    from civcas.ingest.dates import stamped_date

    assert stamped_date("شبكة أخبار البلدةNovember 28, 2024 · Shared with Publicعاجل") == (
        date(2024, 11, 28)
    )
    assert stamped_date("Example PressOctober 25, 2024 · Shared with Public") == date(2024, 10, 25)
    assert stamped_date("تلفزيون المدينة Town TVNovember 30, 2024 · Shared with Public") == (
        date(2024, 11, 30)
    )
    assert stamped_date("أخبار البلدة 24December 4, 2024 · Shared with Public") is None
    # glued words alone make no date
    assert stamped_date("غارة على البلدةNovember · قتلى") is None


def test_news_page_time_stamp_with_clock_time_dates_the_report() -> None:
    """A news page prints its time stamp as a full date beside a clock time, in either digit
    set; a clock time in the report's own words, away from a full date, dates nothing."""
    from datetime import date

    from civcas.ingest.dates import stamped_date

    assert stamped_date("مركز الأخبار  الخميس, ٥ ديسمبر ٢٠٢٤, ٢١:٥٤  هاجم جيش") == date(2024, 12, 5)
    assert stamped_date("شبكة محلية  15/11/2021  1:23 م  قُتلت امرأة") == date(2021, 11, 15)
    assert stamped_date("آخر تحديث: 26.10.2023 | 21:41 دمشق  قتل") == date(2023, 10, 26)
    assert stamped_date("DESK  Friday, 16 June 2023, 17:23  Drones hit") == date(2023, 6, 16)
    assert stamped_date("The strike at 10:30 on 4 March 2020 killed two.") is None
    assert stamped_date("سقطت القذيفة الساعة 11:30 صباحاً في البلدة") is None


def test_a_reports_address_dates_it_where_nothing_else_does() -> None:
    """A post id that carries its time, or a full date in the path; a month path or an address
    that says nothing gives no date, and a stated publication date always wins."""
    from datetime import UTC, date, datetime, timedelta

    from civcas.ingest.dates import url_date
    from civcas.ingest.records import report_from_fields

    def post_id(at: datetime) -> int:  # how X numbers a post made at `at`
        return (int(at.timestamp() * 1000) - 1288834974657) << 22 | 12345

    noon = datetime(2019, 1, 18, 12, 0, tzinfo=UTC)
    assert url_date(f"https://twitter.com/monitor/status/{post_id(noon)}") == date(2019, 1, 18)
    assert url_date(f"https://x.com/i/web/status/{post_id(noon)}?s=20") == date(2019, 1, 18)
    # late evening UTC is already the next day in Syria and Iraq (UTC+3)
    late = noon + timedelta(hours=10)
    assert url_date(f"https://mobile.twitter.com/m/status/{post_id(late)}") == date(2019, 1, 19)
    # the example of X's own API documentation: posted 2018-10-10 20:19:24 UTC
    assert url_date("https://twitter.com/TwitterDev/status/1050118621198921728") == date(
        2018, 10, 10
    )
    assert url_date("https://news.example.org/2022/10/28/civilians-wounded/") == date(2022, 10, 28)
    assert url_date("https://news.example.org/ar/2022/04/report/") is None  # no day
    assert url_date("https://www.facebook.com/page/posts/123456789") is None
    assert url_date("https://twitter.com/monitor") is None
    assert url_date("https://x.com/m/status/9" + "9" * 40) is None  # not a real id
    assert url_date("https://news.example.org/2099/01/01/x", today=date(2026, 1, 1)) is None
    assert url_date("not an address") is None and url_date(None) is None

    row = {"text": "Warplanes struck the village yesterday, killing 3.",
           "url": f"https://twitter.com/monitor/status/{post_id(noon)}"}
    assert report_from_fields(row, "t").published == date(2019, 1, 18)
    stated = dict(row, published="2019-01-20")
    assert report_from_fields(stated, "t").published == date(2019, 1, 20)
