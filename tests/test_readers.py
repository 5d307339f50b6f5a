"""Readers: every input kind, every bad-input kind gets its reason, compressed files stream."""
import bz2
import gzip
import json
import lzma
from datetime import date

import pytest
import zstandard

from models import Article, RejectRecord
from pipeline.readers import InputError, ReadOptions, expand_inputs, iter_articles

FRENCH = "Mardi soir, des hommes armés ont attaqué un poste de police dans le nord du pays, selon les autorités locales qui ont annoncé un bilan provisoire."
ENGLISH = "On Tuesday evening armed men attacked a police post in the north of the country, local officials said in a statement to the press."


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_all(paths, **options):
    return list(iter_articles(paths, ReadOptions(**options)))


@pytest.mark.parametrize("line, reason", [
    ('{"id": "a", "text": "x", "published": ', "malformed_json"),
    ('["not", "an", "object"]', "malformed_json"),
    ('{"id": "b", "published": "2024-07-17"}', "missing_text"),
    ('{"id": "c", "text": "   ", "published": "2024-07-17"}', "empty_text"),
    ('{"id": "d", "text": 42, "published": "2024-07-17"}', "text_not_string"),
    ('{"id": "e", "text": "Un texte.", "published": null}', "no_publication_date"),
    ('{"id": "f", "text": "Un texte.", "published": "hier"}', "bad_publication_date"),
    ('{"maintext": "Un texte.", "date_publish": "None", "url": "https://exemple.org/1"}', "no_publication_date"),
])
def test_each_bad_line_gets_its_reason(tmp_path, line, reason):
    [item] = read_all([write_lines(tmp_path / "in.jsonl", [line])])
    assert isinstance(item, RejectRecord)
    assert item.reason == reason
    assert item.line == 1 and item.input_file.endswith("in.jsonl")


def test_too_long_is_rejected_with_the_limit_in_the_message(tmp_path):
    line = json.dumps({"id": "long", "text": "mot " * 100, "published": "2024-07-17"})
    [item] = read_all([write_lines(tmp_path / "in.jsonl", [line])], max_chars=50)
    assert item.reason == "too_long" and "50" in item.message


def test_undecodable_line_is_rejected_and_the_next_line_is_read(tmp_path):
    path = tmp_path / "in.jsonl"
    good = json.dumps({"id": "ok", "text": FRENCH, "published": "2024-07-17"}).encode()
    path.write_bytes(b'{"id": "bad", "text": "caf\xe9", "published": "2024-07-17"}\n' + good + b"\n")
    first, second = read_all([path])
    assert first.reason == "undecodable"
    assert isinstance(second, Article) and second.id == "ok"


def test_news_please_fields_are_read(tmp_path):
    line = json.dumps({"maintext": FRENCH, "date_publish": "2024-07-17 08:15:00", "title": "Attaque",
                       "url": "https://exemple.org/a", "source_domain": "exemple.org", "language": "fr"})
    [item] = read_all([write_lines(tmp_path / "np.jsonl", [line])])
    assert item.published == date(2024, 7, 17)
    assert item.outlet == "exemple.org" and item.id == "https://exemple.org/a" and item.lang == "fr"


def test_fallback_date_dates_an_article_without_one(tmp_path):
    line = json.dumps({"id": "x", "text": FRENCH})
    [item] = read_all([write_lines(tmp_path / "in.jsonl", [line])], fallback_published=date(2024, 1, 2))
    assert item.published == date(2024, 1, 2)


def test_news_please_single_json_document(tmp_path):
    path = tmp_path / "article.json"
    path.write_text(json.dumps({"maintext": FRENCH, "date_publish": "2024-07-17T08:00:00", "title": "T"}, indent=2), encoding="utf-8")
    [item] = read_all([path])
    assert isinstance(item, Article) and item.published == date(2024, 7, 17)


@pytest.mark.parametrize("suffix, opener", [
    (".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open),
    (".zst", lambda p, mode: zstandard.ZstdCompressor().stream_writer(open(p, "wb"))),
])
def test_compressed_dumps_are_read(tmp_path, suffix, opener):
    path = tmp_path / f"dump.jsonl{suffix}"
    lines = [json.dumps({"id": f"a{i}", "text": FRENCH, "published": "2024-07-17"}) for i in range(5)]
    with opener(path, "wb") as handle:
        handle.write(("\n".join(lines) + "\n").encode())
    items = read_all([path])
    assert [i.id for i in items] == [f"a{i}" for i in range(5)]


def test_truncated_gzip_keeps_what_was_read_and_reports_the_cut(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    lines = [json.dumps({"id": f"a{i}", "text": FRENCH * 20, "published": "2024-07-17"}) for i in range(200)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])
    items = read_all([path])
    articles = [i for i in items if isinstance(i, Article)]
    assert 0 < len(articles) < 200
    assert isinstance(items[-1], RejectRecord) and items[-1].reason == "truncated_input"


def test_csv_with_a_column_mapping(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text('uid,body,date\n1,"' + FRENCH + '",2024-07-17\n2,,2024-07-17\n', encoding="utf-8")
    first, second = read_all([path], columns={"id": "uid", "text": "body", "published": "date"})
    assert first.id == "1" and first.published == date(2024, 7, 17)
    assert second.reason == "empty_text"


def test_text_folder_takes_the_published_option(tmp_path):
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "article-1.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "article-2.txt").write_text(FRENCH, encoding="utf-8")
    items = read_all([folder], fallback_published=date(2024, 7, 17))
    assert [i.id for i in items] == ["article-1", "article-2"]
    assert read_all([folder])[0].reason == "no_publication_date"


@pytest.mark.parametrize("name", ["missing.jsonl", "dump.parquet"])
def test_unreadable_paths_raise_a_one_line_error_naming_them(tmp_path, name):
    if name.endswith(".parquet"):
        (tmp_path / name).write_bytes(b"PAR1")
    with pytest.raises(InputError, match=name):
        expand_inputs([tmp_path / name])


def test_every_good_and_bad_line_of_a_mixed_file_ends_in_exactly_one_outcome(tmp_path):
    """The foundation's promise: read = with_incidents + no_incident + rejected, each reject with its reason."""
    from pipeline.run import RunOptions, run_extraction

    good = [json.dumps({"id": f"ok-{n}", "text": FRENCH, "published": "2024-07-17"}) for n in range(3)]
    bad = ['{"id": "broken", "text": ', json.dumps({"id": "no-text", "published": "2024-07-17"}),
           json.dumps({"id": "empty", "text": "", "published": "2024-07-17"}), json.dumps({"id": "number", "text": 7, "published": "2024-07-17"}),
           json.dumps({"id": "undated", "text": FRENCH}), json.dumps({"id": "bad-date", "text": FRENCH, "published": "demain"}),
           json.dumps({"id": "english", "text": ENGLISH, "published": "2024-07-17"}),
           json.dumps({"id": "long", "text": FRENCH * 40, "published": "2024-07-17"})]
    path = tmp_path / "mixed.jsonl"
    lines = [good[0], *bad[:4], good[1], *bad[4:], good[2]]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "bytes", "text": "caf\xe9", "published": "2024-07-17"}\n')
    manifest = run_extraction([path], tmp_path / "out", RunOptions(read=ReadOptions(max_chars=2000)))
    counts = manifest["counts"]
    assert counts["read"] == len(lines) + 1
    assert counts["read"] == counts["with_incidents"] + counts["no_incident"] + counts["rejected"]
    rejects = {r["id"] or f"line{r['line']}": r["reason"] for r in map(json.loads, (tmp_path / "out" / "rejects.jsonl").read_text().splitlines())}
    assert rejects == {"line2": "malformed_json", "no-text": "missing_text", "empty": "empty_text", "number": "text_not_string",
                       "undated": "no_publication_date", "bad-date": "bad_publication_date", "english": "not_french",
                       "long": "too_long", "line12": "undecodable"}
    statuses = {s["article_id"]: s["status"] for s in map(json.loads, (tmp_path / "out" / "articles.jsonl").read_text().splitlines())}
    assert all(statuses[f"ok-{n}"] in ("with_incidents", "no_incident") for n in range(3))
    assert (tmp_path / "out" / "incidents.jsonl").read_text().count('"article_id":"ok-') >= 3
