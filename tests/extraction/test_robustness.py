"""Whatever text comes in, extraction neither crashes nor points outside it."""
import random

import pytest

from graph.documents import Document


def _texts(seeds_dir):
    sample = (seeds_dir / "000_78dd3b09c3dc0569.txt").read_text(encoding="utf-8")
    words = sample.split() + ["The", "US", "met", "Mali", "(", ")", "“", "»", "@", "2025", "١٥"]
    chars = list(sample) + list("()[]“”«»،؛:.!?\n  @#0123456789ـًٌٍَُِّْ\u200f\ufeff")
    rng = random.Random(20251104)
    for i in range(150):
        n = rng.randint(0, 300)
        if i % 2:
            yield " ".join(rng.choice(words) for _ in range(n // 4))
        else:
            yield "".join(rng.choice(chars) for _ in range(n))
    yield from ["", "   ", "\n\n\n", ".", "زار", "\u200f\u200e", "ﻻ" * 50, "a" * 20000]


def test_random_text_never_breaks_extraction(extractor, seeds_dir):
    for i, text in enumerate(_texts(seeds_dir)):
        doc = Document.from_text(text, id=f"fuzz{i}")
        for rel in extractor.extract(doc):
            for ev in rel.evidence:
                s, e = ev.sentence_span
                assert text[s:e] == ev.sentence
                for role, (start, end) in ev.spans.items():
                    assert (0 <= start <= end <= s) if role.startswith("carried_") else (s <= start <= end <= e)
        assert extractor.explain(doc)["sentences"] is not None


@pytest.mark.parametrize("text", ["زار لافروف مالي.", "Lavrov visited Mali."])
def test_explain_and_extract_agree(extractor, text):
    doc = Document.from_text(text)
    explained = [(r["source"], r["type"], r["target"]) for s in extractor.explain(doc)["sentences"]
                 for r in s["relations"]]
    assert explained == [(r.source, r.type, r.target) for r in extractor.extract(doc)]
