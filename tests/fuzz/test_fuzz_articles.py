"""Property-based tests (hypothesis) of the article reader, the extractor and the manifest reader.

Whatever the file holds (text in any script, bidi controls, NUL bytes, invalid UTF-8, web pages,
news dumps of any JSON, manifests of any YAML), reading ends in Documents or a DocumentError naming
the file, and extraction ends in relations whose spans lie inside the article and whose dates are
ISO dates: never another exception, never a hang (pytest-timeout stops the run otherwise).

Budget per run (tests/fuzz_budget.py; the seed changes with every commit, so each CI run tries new
cases): article files 150 cases, extraction of generated text 150, manifests 150, plus the hostile
corpus below as explicit examples on each run. At that rate each entry point passes 10,000 generated
cases after 67 CI runs; ``GEOGRAPH_FUZZ_SCALE=67`` runs as many at once (about 20 minutes).
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from fuzz_budget import budget
from graph.documents import Document, parse_date
from graph.errors import DocumentError
from graph.extract import Extractor
from graph.inputs import read_documents
from graph.manifest import MANIFEST, read_manifest
from graph.rules import load_schema

ISO = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")

# Words of our own that reach every stage: names the gazetteer knows, triggers, dates of every kind
# (impossible ones too), sentence ends, and the characters that broke readers elsewhere.
WORDS = ["Abdoulaye Diop", "Christopher Landau", "Assimi Goita", "met", "visited", "signed", "condemned", "Mali",
         "Niger", "Russia", "the minister", "he", "on", "in Bamako", "4 November 2025", "Tuesday", "yesterday",
         "2025-13-45", "2025-02-30", "زار", "التقى", "أجرى محادثات مع", "ديوب", "لاندو", "مالي", "النيجر", "وزير الخارجية",
         "الثلاثاء", "أمس", "٤ نوفمبر ٢٠٢٥", "٢٠٢٥-١٣-٤٥", "Gen.", "U.S.", ".", "!", "؟", "،", "…", "\n", "\n\n", " ",
         "\r\n", "\u202e", "\u2066", "\u200f", "\ufeff", "\x00", "😀", "ـــ", "ﻻ", "\t", "«", "»", '"']
text_strategy = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=60).map(" ".join)

HOSTILE_FILES = [
    ("a.txt", b""), ("a.txt", b"\x00" * 64), ("a.txt", b"\xef\xbb\xbf"), ("a.txt", b"\xff\xfe\x00a"),
    ("a.txt", b"\xed\xa0\x80 lone surrogate"), ("a.txt", "\u202eAbdoulaye Diop met Landau.\u202c".encode()),
    ("a.txt", ("زار ديوب مالي. " * 200).encode()), ("a.txt", b"x" * 20000), ("a.txt", ("😀" * 500).encode()),
    ("a.html", b"<html><script>alert(1)</script></html>"), ("a.html", b"\x00<html>"), ("a.htm", b""),
    ("a.jsonl", b"[1,2]\n{\"q\": 5}\nnull\n\"text\"\n"), ("a.jsonl", b"[" * 50000),
    ("a.jsonl", b'{"text": 5}\n{"maintext": "Diop met Landau.", "date_publish": "2025-13-45"}\n'),
    ("a.jsonl", b'{"maintext": "Diop met Landau.", "date_publish": 20251104, "title": ["x"]}\n'),
    ("a.jsonl", b'{"id": "x", "text": "Diop met Landau."}\n{"id": "x", "text": "again."}\n'),
    ("a.jsonl", b'{"text": "Diop\\u0000 met Landau."}\n{"id": {"a": 1}, "text": "Diop met Landau."}\n'),
]

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text_strategy,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                        max_size=3), max_leaves=8)
record = st.dictionaries(st.sampled_from(["id", "text", "maintext", "title", "date_publish", "published",
                                          "source_domain", "outlet", "url", "language", "lang", "other"]),
                         st.one_of(text_strategy, json_values), max_size=7)
dump_lines = st.lists(st.one_of(record.map(json.dumps), json_values.map(json.dumps), st.text(max_size=30)),
                      max_size=6).map("\n".join)
file_bytes = st.one_of(text_strategy.map(lambda t: t.encode("utf-8", "replace")), st.binary(max_size=300),
                       dump_lines.map(str.encode),
                       text_strategy.map(lambda t: f"<html><body><article><p>{t}</p></article></body></html>".encode(
                           "utf-8", "replace")))


@pytest.fixture(scope="module")
def extractor(schema_dir):
    return Extractor(load_schema(schema_dir))


def check_relations(extractor, doc: Document) -> None:
    """Extract ``doc``: every relation of a known type, dates ISO, every span inside the text."""
    for rel in extractor.extract(doc):
        assert rel.type in extractor.schema.relation_types
        assert rel.date is None or ISO.fullmatch(rel.date), rel.date
        assert rel.evidence
        for ev in rel.evidence:
            start, end = ev.sentence_span
            assert 0 <= start < end <= len(doc.text)
            for s, e in ev.spans.values():
                assert start <= s <= e <= end


def _read_all(path: Path):
    warnings = []
    try:
        return list(read_documents([path], warnings=warnings)), warnings
    except DocumentError as err:
        assert err.problems and all(str(p) for p in err.problems)
        return [], warnings


@budget(150)
@given(st.sampled_from([".txt", ".html", ".htm", ".jsonl"]), file_bytes)
@example(".txt", "Abdoulaye Diop met Christopher Landau in Bamako on 4 November 2025.".encode())
def test_any_article_file_is_read_or_refused_clearly(extractor, suffix, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        docs, warnings = _read_all(path)
        for doc in docs:
            assert isinstance(doc.text, str) and "\x00" not in doc.text and doc.text.strip()
            assert isinstance(doc.id, str) and doc.id
            assert doc.outlet is None or isinstance(doc.outlet, str)
            check_relations(extractor, doc)


@pytest.mark.parametrize("name, data", HOSTILE_FILES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(HOSTILE_FILES)])
def test_hostile_article_files(extractor, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    for doc in _read_all(path)[0]:
        check_relations(extractor, doc)


@budget(150)
@given(text_strategy, st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
@example("أجرى كريستوفر لاندو، الثلاثاء، محادثات مع وزير الخارجية المالي عبد الله ديوب.", "2025-11-05")
@example("\u202eAbdoulaye Diop met\u202c Christopher Landau on 31 February 2025.", None)
def test_extraction_of_any_text_gives_relations_inside_it(extractor, text, published):
    doc = Document.from_text(text, id="fuzz", published=parse_date(published))
    check_relations(extractor, doc)


manifest_entry = st.one_of(
    st.none(), json_values, text_strategy,
    st.dictionaries(st.sampled_from(["outlet", "published", "lang", "note", "publshed", "date"]),
                    st.one_of(json_values, st.dates().map(str), st.sampled_from(["2025-13-45", "2025-02-30",
                                                                                 "٢٠٢٥-١١-٠٤", "2025-11", ""])),
                    max_size=4))
manifest_text = st.one_of(
    st.dictionaries(st.sampled_from(["a", "b", "report", "1", "missing"]), manifest_entry, max_size=4).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True)),
    json_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.text(max_size=80))


@budget(150)
@given(manifest_text)
@example("a: {published: 2025-13-45}\n")
@example("a: just a string\n")
@example("- a\n- b\n")
@example("a: {published: 2025-02-30, outlet: [x]}\n")
@example("a: !!python/object:os.system {}\n")
@example("a: &x [*x]\n")
@example("[" * 1200)
@example("a: {published: ٢٠٢٥-١١-٠٤}\n\x00")
def test_any_manifest_is_read_or_refused_with_its_line(text):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / MANIFEST).write_text(text, encoding="utf-8")
        (folder / "a.txt").write_text("Diop met Landau.", encoding="utf-8")
        try:
            manifest = read_manifest(folder, lambda wanted: {"a"})
        except DocumentError as err:
            assert err.problems and all(str(p).startswith(str(folder / MANIFEST)) for p in err.problems)
            return
        for doc_id, entry in manifest.items():
            assert doc_id == "a"
            parse_date(entry.get("published"))
            assert all(entry.get(k) is None or isinstance(entry[k], str) for k in ("outlet", "lang", "note"))
