"""Mentions: ambiguous names, clitics, spelling variants, anaphora; and merging of repeated reports."""
import pytest

from graph.documents import Document


def entities(extractor, text):
    report = extractor.explain(Document.from_text(text))
    return [(m["text"], m["entity"]) for s in report["sentences"] for m in s["mentions"]]


@pytest.mark.parametrize("text, expected", [
    ("أعلنت وزارة المالية عن الميزانية.", []),                                    # finance, not Mali
    ("تفاقمت الأزمة المالية في البلاد.", []),
    ("قدمت فرنسا دعما ماليا للبرنامج.", [("فرنسا", "FRA")]),
    ("وصل الوفد إلى مالي.", [("مالي", "MLI")]),
    ("قالت الحكومة المالية إن الوضع مستقر.", [("المالية", "MLI")]),
    ("زار الوزير النيجر ثم نيجيريا.", [("النيجر", "NER"), ("نيجيريا", "NGA")]),
    ("وبالنيجر وللقوات المسلحة المالية", [("وبالنيجر", "NER"), ("وللقوات المسلحة المالية", "MALI_ARMED_FORCES")]),
    ("قال المسؤول الأمريكي والمسؤول الأميركي", [("الأمريكي", "USA"), ("الأميركي", "USA")]),
    ("الرئيس ترمب والرئيس ترامب", [("ترمب", "DONALD_TRUMP"), ("ترامب", "DONALD_TRUMP")]),
    ("وزير یوسف کان", []),                                                          # Persian-keyboard letters, no actor
    ("The US and the UN; we told us.", [("US", "USA"), ("UN", "UN")]),              # capitals only for acronyms
])
def test_mentions(extractor, text, expected):
    assert entities(extractor, text) == expected


def test_anaphora_refer_back(extractor):
    text = ("قالت جماعة نصرة الإسلام والمسلمين إنها هاجمت القافلة. "
            "وكانت الجماعة المسلحة فرضت حصارا على واردات الوقود إلى مالي.")
    found = entities(extractor, text)
    assert ("الجماعة المسلحة", "JNIM") in found


def test_his_country_is_the_speakers(extractor):
    text = "وأشاد تياني بموقف أنقرة، معربا عن رغبة بلاده في شراكة جديدة مع تركيا."
    rels = extractor.extract(Document.from_text(text))
    assert ("NER", "PLEDGED_COOPERATION", "TUR") in {(r.source, r.type, r.target) for r in rels}


def test_repeated_reports_merge_with_all_evidence(extractor):
    text = "التقى لاندو عبد الله ديوب في باماكو.\nوقال البيان إن لاندو التقى ديوب لبحث الأمن."
    rels = [r for r in extractor.extract(Document.from_text(text)) if r.type == "MET"]
    assert len(rels) == 1
    assert len(rels[0].evidence) == 2
    assert {(e.sentence_span[0]) for e in rels[0].evidence} == {0, text.index("وقال")}
