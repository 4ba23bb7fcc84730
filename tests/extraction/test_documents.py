"""Reading articles and keeping offsets through normalization."""
import datetime as dt

import pytest

from graph.documents import Document, normalize, read_documents, split_sentences
from graph.errors import DocumentError
from graph.matcher import PhraseMatcher, tokenize


def test_normalization_unifies_letters_and_keeps_offsets():
    text = "أَجْرى الرئيسُ محادثاتٍ في إسطنبول ـــ ١٥ يوليو"
    t = normalize(text)
    assert t.text == "اجري الرئيس محادثات في اسطنبول  15 يوليو"
    start = t.text.index("محادثات")
    s, e = t.to_original(start, start + len("محادثات"))
    assert text[s:e] == "محادثاتٍ"


def test_persian_keyboard_letters_and_digits():
    assert normalize("ی ک ۲۰۲۵").text == "ي ك 2025"


def test_presentation_forms_expand():
    t = normalize("ﻻ")
    assert t.text == "لا" and t.to_original(0, 2) == (0, 1)


def test_bom_and_crlf(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffزار لاندو مالي.\r\nثم عاد.\r\n".encode("utf-8"))
    doc = next(read_documents([p]))
    assert not doc.text.startswith("\ufeff")
    assert [s.text for s in doc.sentences] == ["زار لاندو مالي.", "ثم عاد."]


def test_manifest_gives_metadata(tmp_path):
    (tmp_path / "x.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text("x: {outlet: Test, published: 2025-07-15, lang: ar}\n", encoding="utf-8")
    doc = next(read_documents([tmp_path]))
    assert (doc.outlet, doc.published, doc.lang) == ("Test", dt.date(2025, 7, 15), "ar")


def test_bad_manifest_date_is_clear(tmp_path):
    (tmp_path / "x.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text("x: {published: yesterday}\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="bad publication date 'yesterday'"):
        list(read_documents([tmp_path]))


def test_non_utf8_names_file_and_line(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("سطر\n".encode("utf-8") + "زار".encode("cp1256"))
    with pytest.raises(DocumentError) as info:
        list(read_documents([p]))
    assert str(info.value).startswith(f"{p}:2: not UTF-8")


def test_sentences_keep_offsets_and_paragraphs(schema):
    text = "The U.S. envoy met Diop. He left!\n\nزار مالي؟ نعم"
    sents = split_sentences(text, schema.sentence_rules)
    assert [s.text for s in sents] == ["The U.S. envoy met Diop.", "He left!", "زار مالي؟", "نعم"]
    assert [s.paragraph for s in sents] == [0, 0, 1, 1]
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_sentence_ends_and_abbreviations_are_the_schemas_languages(schema):
    text = "Gen. Assimi Goita met him in Sept. 2025. Then he left."
    assert [s.text for s in split_sentences(text, schema.sentence_rules)] == [
        "Gen. Assimi Goita met him in Sept. 2025.", "Then he left."]   # en.yaml's Gen, dates.yaml's Sept
    assert len(split_sentences("زار مالي؟ نعم")) == 1                 # ؟ is ar.yaml's: no schema, no split


def test_matcher_strips_proclitics_and_reports_them():
    m = PhraseMatcher({"proclitics": [["و", "ف"], ["ب", "ل", "ك"]], "article": "ال"})
    m.add("النيجر", "NER")
    m.add("نيجيريا", "NGA")
    found = m.find(tokenize(normalize("وبالنيجر ونيجيريا والنيجريون").text))
    assert [(x.payload, x.clitic) for x in found] == [("NER", "وب"), ("NGA", "و")]


def test_language_guess():
    assert Document.from_text("زار مالي").lang == "ar"
    assert Document.from_text("Landau visited Mali").lang == "en"
