"""Date finding starts only where a digit or a date word is, and an undated article is anchored by the dates
its sentences state, found once: the same expressions and anchors as scanning everything."""
from __future__ import annotations

import pytest

from graph.dates import DateGrammar
from graph.documents import Document, normalize, read_documents
from graph.extraction.leads import document_anchor


@pytest.fixture(scope="module")
def grammar(schema):
    return schema.dates


@pytest.fixture(scope="module")
def scan_all(grammar):
    """The same grammar with no precheck: every text is scanned."""
    return DateGrammar(grammar._regex, dict(grammar._fields), {k: dict(v) for k, v in grammar._lexicon.items()},
                       grammar.month_abbreviations)


@pytest.fixture(scope="module")
def articles(seeds_dir, root):
    return list(read_documents([seeds_dir, root / "tests/extraction/outlets", root / "tests/extraction/constructions"]))


@pytest.mark.parametrize("text, holds", [
    ("أجرى لاندو محادثات مع ديوب في باماكو.", False),
    ("The junta expelled the ambassador.", False),
    ("أجرى لاندو، الثلاثاء، محادثات", True),
    ("in 2025", True),
    ("منذ سبتمبر الماضي", True),
    ("last MONDAY", True),
    ("وصل أمس", True),
    ("يوم ٣", True),            # any script's digit counts, as \d does
])
def test_a_sentence_without_digit_or_date_word_is_not_scanned(grammar, text, holds):
    norm = text if text.endswith("٣") else normalize(text).text
    assert grammar.may_hold_date(norm) is holds
    if not holds:
        assert grammar.find(norm) == []


def test_the_precheck_finds_what_scanning_everything_finds(grammar, scan_all, schema, articles):
    texts = [d.text for d in articles] + [ex.text for rule in schema.rules for ex in rule.examples]
    sentences = [s.norm.text for t in texts for s in schema.sentence_rules.split(t)]
    skipped = [s for s in sentences if not grammar.may_hold_date(s)]
    assert len(skipped) > 100   # the precheck does skip sentences
    for s in sentences:
        assert [(m.start, m.end, m.text, m.reading) for m in grammar.find(s)] == \
            [(m.start, m.end, m.text, m.reading) for m in scan_all.find(s)]


def test_undated_article_anchors_on_its_sentences_as_on_its_whole_text(grammar, schema, articles):
    anchored = 0
    for doc in articles:
        undated = Document.from_text(doc.text, id=doc.id)
        anchor, found = document_anchor(grammar, undated, schema.sentence_rules.split(doc.text))
        assert anchor == grammar.anchor(normalize(doc.text).text, None), doc.id
        assert len(found) == len(schema.sentence_rules.split(doc.text))
        anchored += anchor is not None
    assert anchored >= 5


def test_a_dated_article_is_not_scanned_for_an_anchor(grammar, schema, articles):
    doc = next(d for d in articles if d.published)
    assert document_anchor(grammar, doc, schema.sentence_rules.split(doc.text)) == (doc.published, None)
