"""The one-scan lexicon (graph.lexscan) finds exactly what the word-by-word walk finds, in the same order."""
from __future__ import annotations

import pickle
import random

import pytest

from graph.documents import normalize_arabic, read_documents
from graph.matcher import PhraseMatcher, tokenize


def _sentences(schema, seeds_dir, root) -> list[str]:
    texts = [d.text for d in read_documents([seeds_dir, root / "tests/extraction/outlets"])]
    texts += [ex.text for rule in schema.rules for ex in rule.examples]
    return [s.norm.text for t in texts for s in schema.sentence_rules.split(t)]


def _perturbed(sentences: list[str], seed: int = 3) -> list[str]:
    """Proclitics glued to words (وال، لل، س), capitalised and upper-cased words: the cases the scan checks."""
    rng = random.Random(seed)
    out = []
    for s in sentences:
        words = []
        for w in s.split(" "):
            if rng.random() < 0.3:
                w = rng.choice(["و", "ف", "ل", "ب", "وب", "ول", "فل", "س", "وس", "ك"]) + w
            r = rng.random()
            words.append(w.upper() if r < 0.1 else w.title() if r < 0.2 else w)
        out.append(" ".join(words))
    return out


def _key(matches):
    return [(m.start, m.end, id(m.payload), m.clitic, m.pattern) for m in matches]


@pytest.mark.parametrize("name", ["lexicon", "cues", "speech"])
def test_scan_finds_what_the_walk_finds(schema, seeds_dir, root, name):
    matcher = getattr(schema, name)
    assert matcher._compiled is not None   # compiled with the schema
    sentences = _sentences(schema, seeds_dir, root)
    differ = [s for s in sentences + _perturbed(sentences)
              if _key(matcher.find(tokenize(s), overlapping=True))
              != _key(matcher._find_walk(tokenize(s), overlapping=True))]
    assert len(sentences) > 1000 and differ == []


def test_scan_keeps_proclitics_capitals_gaps_and_order():
    m = PhraseMatcher({"proclitics": [["و", "ف"], ["ب", "ل", "ك"]], "article": "ال", "article_contractions": ["ل"],
                       "verb_prefixes": {"س": ["ي"]}, "whole_words": [normalize_arabic("وزارة")]})
    for pattern, payload in [("القوات المسلحة", "MAF"), ("US", "USA"), ("us", "we"), ("زار*", "VISIT"),
                             ("رفع* ... العقوبات", "LIFT"), ("يزور", "WILL_VISIT"), ("زارة", "NOT_A_WORD"),
                             ("القوات", "FORCES")]:
        m.add(pattern, payload)
    m.compile()
    text = normalize_arabic("وللقوات المسلحة US us Us وزارة سيزور رفعت واشنطن امس العقوبات زارها")
    found = m.find(tokenize(text), overlapping=True)
    assert [(x.start, x.end, x.payload, x.clitic) for x in found] == [
        (0, 2, "MAF", "ول"), (0, 1, "FORCES", "ول"), (2, 3, "USA", ""), (2, 3, "we", ""), (3, 4, "we", ""),
        (4, 5, "we", ""), (6, 7, "WILL_VISIT", "س"), (7, 11, "LIFT", ""), (11, 12, "VISIT", "")]   # وزارة: a word
    assert _key(found) == _key(m._find_walk(tokenize(text), overlapping=True))


def test_compiled_matcher_pickles(schema, seeds_dir, root):
    """The startup cache pickles the compiled schema: the automaton comes back and finds the same."""
    loaded = pickle.loads(pickle.dumps(schema.lexicon))
    assert loaded._compiled is not None and loaded._memo == {}
    for s in _sentences(schema, seeds_dir, root)[:300]:
        toks = tokenize(s)
        want = [(m.start, m.end, m.pattern, m.clitic) for m in schema.lexicon.find(toks, overlapping=True)]
        assert [(m.start, m.end, m.pattern, m.clitic) for m in loaded.find(toks, overlapping=True)] == want
        assert [(m.start, m.end, m.pattern, m.clitic) for m in loaded._find_walk(toks, overlapping=True)] == want


def test_a_pattern_added_after_compiling_is_found():
    m = PhraseMatcher({})
    m.add("mali", "MLI")
    m.compile()
    m.add("niger", "NER")   # the automaton is stale: find walks until compiled again
    assert [x.payload for x in m.find(tokenize("Mali and Niger"), overlapping=True)] == ["MLI", "NER"]
    m.compile()
    assert [x.payload for x in m.find(tokenize("Mali and Niger"), overlapping=True)] == ["MLI", "NER"]


def test_a_prepared_scan_pickles_ready(schema):
    """The schema cache and the workers get the sentence scan prepared: its automaton comes back, not rebuilt."""
    schema.scanner.prepare()
    loaded = pickle.loads(pickle.dumps(schema.scanner))
    assert loaded._automaton is not None and loaded._hits == schema.scanner._hits
    assert loaded._automaton.get_stats() == schema.scanner._automaton.get_stats()


def test_one_sentence_scan_finds_what_each_matcher_finds(schema, seeds_dir, root):
    """The schema's one automaton (lexicon, speech words, cues) gives each matcher exactly its own matches."""
    sentences = _sentences(schema, seeds_dir, root)
    scanner = pickle.loads(pickle.dumps(schema.scanner))   # (as the startup cache and worker processes get it)
    differ = []
    for s in sentences + _perturbed(sentences):
        toks = tokenize(s)
        for one in (schema.scanner, scanner):
            found = one.scan(toks)
            differ += [(name, s) for name in ("speech", "cues", "lexicon")   # (the others first: asked later)
                       if _key(found.of(name)) != _key(one.matchers[name].find(toks, overlapping=True))]
    assert differ == []
