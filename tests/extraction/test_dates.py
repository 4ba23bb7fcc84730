"""The date grammar (graph/dates.py + schema/dates.yaml) on real text, real babel data and broken files."""
import datetime
import doctest
import shutil

import pytest
import yaml
from babel import Locale

import graph.dates
from graph.dates import DateGrammar, PartialDate
from graph.documents import normalize, read_documents
from graph.errors import SchemaError
from graph.rules import load_schema

D = datetime.date
TUE = D(2025, 11, 4)          # the anchor of seed 000: a Tuesday


@pytest.fixture(scope="module")
def grammar(schema_dir):
    return DateGrammar.load(schema_dir / "dates.yaml")


def found(grammar, text, anchor=None):
    """[(mention text, resolved iso)] for raw text, normalized the way extraction does."""
    norm = normalize(text).text
    return [(m.text, (m.resolve(anchor) or PartialDate(None)).iso()) for m in grammar.find(norm)]


def one(grammar, text, anchor=None):
    hits = found(grammar, text, anchor)
    assert len(hits) == 1, hits
    return hits[0][1]


# --------------------------------------------------------------------------- the brief's examples

@pytest.mark.parametrize("text, anchor, expected", [
    ("الثلاثاء", TUE, "2025-11-04"),
    ("منذ سبتمبر/أيلول الماضي", TUE, "2025-09"),
    ("فبراير الماضي", D(2026, 3, 9), "2026-02"),
    ("في أغسطس 2014", None, "2014-08"),
    ("منذ 2022", None, "2022"),
    ("15 يوليو 2025، 12:16 م", None, "2025-07-15"),
    (" date 2026-03-09", None, "2026-03-09"),
    ("last February", D(2026, 3, 9), "2026-02"),
    ("November 4, 2025", None, "2025-11-04"),
    ("4 November 2025", None, "2025-11-04"),
    ("on Tuesday", D(2025, 11, 6), "2025-11-04"),
    ("yesterday", TUE, "2025-11-03"),
    ("أمس", TUE, "2025-11-03"),
    ("اليوم", TUE, "2025-11-04"),
    ("مساء أمس الاثنين", TUE, "2025-11-03"),
    ("الشهر الماضي", TUE, "2025-10"),
    ("العام الماضي", TUE, "2024"),
    ("الأسبوع الماضي", TUE, "2025-10"),         # 27 Oct - 2 Nov: most of its days in October
    ("الأسبوع الماضي", D(2025, 12, 10), "2025-12"),   # 1 - 7 Dec: one month
    ("الخميس المقبل", TUE, "2025-11-06"),
    ("15/07/2025", None, "2025-07-15"),
    ("2025-11-04", None, "2025-11-04"),
    ("عن عام 2024", None, "2024"),
])
def test_brief_examples(grammar, text, anchor, expected):
    assert one(grammar, text, anchor) == expected


def test_air_base_201_is_not_a_year(grammar):
    assert found(grammar, "سحبت واشنطن جنودها من القاعدة الجوية 201 في اغاديز") == []


def test_seed_sentences_resolve_as_annotated(grammar, seeds_dir):
    docs = {d.id[:3]: d for d in read_documents([seeds_dir])}
    values = {k: [v for _t, v in found(grammar, d.text, grammar.anchor(normalize(d.text).text, d.published))]
              for k, d in docs.items()}
    assert values["000"][0] == "2025-11-04"                   # الثلاثاء, anchored on the quoted post
    assert "2025-09" in values["000"] and "2020" in values["000"]
    assert values["002"].count(None) >= 2                     # "سبتمبر الماضي", "الأسبوع الماضي": no anchor
    assert "2025-07-15" in values["003"]
    assert {"2026-03-09", "2022", "2014-08", "2026-02", "2024"} <= set(values["004"])
    assert "2023-08" not in values["004"] and "2024-08" not in values["004"]   # the text, not the world


# --------------------------------------------------------------------------- anchors

def test_anchor_is_publication_date_else_latest_full_date_in_text(grammar, seeds_dir):
    texts = {d.id[:3]: normalize(d.text).text for d in read_documents([seeds_dir])}
    assert grammar.anchor(texts["000"], None) == TUE                     # "November 4, 2025" in the post
    assert grammar.anchor(texts["001"], None) == TUE
    assert grammar.anchor(texts["002"], None) is None                    # no full date anywhere
    assert grammar.anchor(texts["003"], None) == D(2025, 7, 15)
    assert grammar.anchor(texts["004"], None) == D(2026, 3, 9)
    assert grammar.anchor(texts["000"], D(2025, 11, 5)) == D(2025, 11, 5)
    assert grammar.anchor("نشر في 3 مارس 2024 وحدث في 15/07/2025 ثم في 2026", None) == D(2025, 7, 15)
    assert grammar.anchor("في سبتمبر 2025 ثم الثلاثاء", None) is None  # month precision is no anchor


def test_full_and_relative_flags(grammar):
    norm = normalize("في 4 نوفمبر 2025 ثم في سبتمبر 2025 ثم الثلاثاء ثم 2024 ثم أمس ثم 5 نوفمبر").text
    flags = [(m.full, m.relative) for m in grammar.find(norm)]
    assert flags == [(True, False), (False, False), (False, True), (False, False), (False, True), (False, True)]


# --------------------------------------------------------------------------- relative rules

@pytest.mark.parametrize("text, anchor, expected", [
    ("last Tuesday", TUE, "2025-10-28"),             # strictly before, even on a Tuesday
    ("الثلاثاء الماضي", TUE, "2025-10-28"),
    ("next Tuesday", TUE, "2025-11-11"),             # strictly after
    ("الثلاثاء", D(2025, 11, 9), "2025-11-04"),      # latest on or before the anchor
    ("يوم الجمعة", TUE, "2025-10-31"),
    ("the day before yesterday", TUE, "2025-11-02"),
    ("أول أمس", TUE, "2025-11-02"),
    ("غدا", TUE, "2025-11-05"),
    ("tomorrow", D(2025, 12, 31), "2026-01-01"),
    ("نوفمبر الماضي", TUE, "2024-11"),               # strictly before the anchor's month
    ("أكتوبر الماضي", TUE, "2025-10"),
    ("يناير المقبل", TUE, "2026-01"),
    ("نوفمبر", TUE, "2025-11"),                      # month without year: on or before the anchor's month
    ("ديسمبر", TUE, "2024-12"),
    ("4 نوفمبر", D(2026, 3, 9), "2025-11-04"),
    ("الشهر الماضي", D(2026, 1, 10), "2025-12"),
    ("الشهر المقبل", D(2025, 12, 10), "2026-01"),
    ("العام المقبل", TUE, "2026"),
    ("هذا العام", TUE, "2025"),
    ("العام الجاري", TUE, "2025"),
    ("this month", TUE, "2025-11"),
    ("next month", TUE, "2025-12"),
    ("السنة الماضية", TUE, "2024"),
    ("الأسبوع المقبل", TUE, "2025-11"),
    ("last week", TUE, "2025-10"),                 # 27 Oct - 2 Nov: five days of October, two of November
    ("last week", D(2025, 1, 2), "2024-12"),       # 23 - 29 Dec 2024
    ("last week", D(2025, 1, 8), "2025-01"),       # 30 Dec 2024 - 5 Jan 2025: five days of January
    ("this week", D(2025, 9, 2), "2025-09"),       # Monday 1 - Tuesday 2 September: its days so far
    ("this week", D(2021, 9, 2), "2021"),          # 30 Aug - 2 Sep: two and two, the year only
    ("this week", D(2020, 12, 31), "2020-12"),     # 28 - 31 Dec: the days so far, not 1 - 3 Jan
    ("29 فبراير", TUE, None),                        # 2025 has no 29 February: no guess
])
def test_relative_resolution(grammar, text, anchor, expected):
    assert one(grammar, text, anchor) == expected


@pytest.mark.parametrize("text", ["الثلاثاء", "سبتمبر الماضي", "last February", "yesterday", "أمس", "اليوم",
                                  "الشهر الماضي", "العام الماضي", "الخميس المقبل", "سبتمبر", "في مارس",
                                  "4 نوفمبر", "next Thursday"])
def test_relative_without_anchor_is_none(grammar, text):
    assert found(grammar, text, None) == [(normalize(text).text, None)]


# --------------------------------------------------------------------------- names from CLDR

def _locales(schema_dir, key):
    data = yaml.safe_load((schema_dir / "dates.yaml").read_text(encoding="utf-8"))
    return data[key]["locales"]


def test_every_cldr_month_name_of_every_listed_locale(grammar, schema_dir):
    locales = _locales(schema_dir, "months")
    assert {"ar_EG", "ar_LB", "ar_DZ", "ar_MA", "ar_TN", "ar_IQ", "ar_MR", "en"} <= set(locales)
    for loc in locales:
        for num, name in Locale.parse(loc).months["format"]["wide"].items():
            assert one(grammar, f"في {name} 2025") == f"2025-{num:02d}", (loc, name)


def test_every_cldr_weekday_name(grammar, schema_dir):
    for loc in _locales(schema_dir, "weekdays"):
        for num, name in Locale.parse(loc).days["format"]["wide"].items():
            expected = TUE - datetime.timedelta(days=(1 - num) % 7)
            assert one(grammar, f"يوم {name}" if loc.startswith("ar") else f"on {name}", TUE) == \
                expected.isoformat(), (loc, name)


@pytest.mark.parametrize("text, expected", [
    ("يناير 2024", "2024-01"), ("كانون الثاني 2024", "2024-01"), ("جانفي 2024", "2024-01"),
    ("جانفييه 2024", "2024-01"), ("كانون ثاني 2024", "2024-01"), ("January 2024", "2024-01"),
    ("JANUARY 2024", "2024-01"), ("Jan. 2024", "2024-01"), ("Sept 2024", "2024-09"),
    ("سبتمبر 2024", "2024-09"), ("أيلول 2024", "2024-09"), ("شتنبر 2024", "2024-09"), ("شتمبر 2024", "2024-09"),
    ("سبتمبر/أيلول 2024", "2024-09"), ("أيلول (سبتمبر) 2024", "2024-09"), ("أيلول/ سبتمبر 2024", "2024-09"),
    ("أغسطس 2024", "2024-08"), ("اغسطس 2024", "2024-08"), ("آب 2024", "2024-08"), ("أوت 2024", "2024-08"),
    ("غشت 2024", "2024-08"), ("يونيه 2024", "2024-06"), ("جوان 2024", "2024-06"), ("حزيران 2024", "2024-06"),
    ("تشرين الأول 2024", "2024-10"), ("تشرين أول 2024", "2024-10"), ("دجنبر 2024", "2024-12"),
    ("أغسطس من عام 2014", "2014-08"), ("شهر مايو 2023", "2023-05"), ("May, 2020", "2020-05"),
])
def test_regional_month_forms(grammar, text, expected):
    assert found(grammar, text) == [(normalize(text).text, expected)]


def test_two_different_months_keep_only_the_year(grammar):
    assert one(grammar, "سبتمبر/أكتوبر 2025") == "2025"
    assert one(grammar, "سبتمبر/أكتوبر الماضي", TUE) is None


# --------------------------------------------------------------------------- digits, proclitics, cues

@pytest.mark.parametrize("text, expected", [
    ("٤ نوفمبر ٢٠٢٥", "2025-11-04"), ("١٥/٠٧/٢٠٢٥", "2025-07-15"), ("منذ عام ٢٠٢٠", "2020"),
    ("۱۵ تموز ۲۰۲۵", "2025-07-15"),
    ("وفي سبتمبر 2025", "2025-09"), ("بتاريخ 15/07/2025", "2025-07-15"), ("لعام 2020", "2020"),
    ("فمنذ 2017", "2017"), ("وسبتمبر 2025", "2025-09"), ("عام 2020م", "2020"), ("في مطلع 2024", "2024"),
    ("15.07.2025", "2025-07-15"), ("15-07-2025", "2025-07-15"), ("2025/11/04", "2025-11-04"),
    ("Tuesday, November 4, 2025", "2025-11-04"), ("الثلاثاء 4 نوفمبر 2025", "2025-11-04"),
    ("on Nov. 4th, 2025", "2025-11-04"), ("in early 2024", "2024"), ("since 2022", "2022"),
    # a year glued to its month, a typing slip pages keep
    ("الثلاثاء 9 مارس2027", "2027-03-09"), ("في أبريل2019", "2019-04"), ("on 3 June2024", "2024-06-03"),
    # a link between the day and its month; a span of days: its first day
    ("on Friday, 6th of June, 2025", "2025-06-06"), ("11 من يناير 2024", "2024-01-11"),
    ("4 و5 أغسطس 2023", "2023-08-04"), ("on 21-23 October 2024", "2024-10-21"),
    ("2 to 4 May 2022", "2022-05-02"), ("on September 8 and 9, 2025", "2025-09-08"),
])
def test_digits_proclitics_and_cues_make_one_mention(grammar, text, expected):
    assert found(grammar, text) == [(normalize(text).text, expected)]


@pytest.mark.parametrize("text", [
    "القاعدة الجوية 201", "1,2020 دولار", "رقم 12/15/2025", "31/02/2025", "20251", "الساعة 12:16",
    "you may go", "مارس الجيش ضغوطا", "فتح باب الحوار", "Jan Egeland said", "protesters March", "بين اثنين",
    "في اليوم التالي", "اليوم العالمي للمرأة", "الأمسية الثقافية", "صحف يومية", "2025/2026", "20%",
])
def test_not_dates(grammar, text):
    assert found(grammar, text) == []


@pytest.mark.parametrize("text, anchor, expected", [
    ("في مارس", D(2025, 5, 1), "2025-03"),        # a cue makes an ambiguous name a month
    ("شهر مارس", D(2025, 5, 1), "2025-03"),
    ("مارس الماضي", D(2025, 5, 1), "2025-03"),
    ("في آب 2020", None, "2020-08"),
    ("in May", D(2025, 6, 1), "2025-05"),
    ("May 5, 2021", None, "2021-05-05"),
])
def test_ambiguous_names_count_in_context(grammar, text, anchor, expected):
    assert one(grammar, text, anchor) == expected


# --------------------------------------------------------------------------- matching contract

def test_mentions_are_ordered_non_overlapping_longest_with_exact_offsets(grammar):
    text = normalize("التقى الوزيران الثلاثاء 4 نوفمبر 2025، بعد لقاء في سبتمبر/أيلول الماضي، "
                     "وقبل زيارة مرتقبة الخميس المقبل، وكانت العلاقات متوترة منذ 2022.").text
    mentions = grammar.find(text)
    assert [m.text for m in mentions] == ["الثلاثاء 4 نوفمبر 2025", "في سبتمبر/ايلول الماضي",
                                          "الخميس المقبل", "منذ 2022"]
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start
    for m in mentions:
        assert text[m.start:m.end] == m.text
    assert [m.resolve(TUE).iso() for m in mentions] == ["2025-11-04", "2025-09", "2025-11-06", "2022"]


def test_precision_is_never_gained(grammar):
    cases = {"2014": "year", "أغسطس 2014": "month", "4 أغسطس 2014": "day", "العام الماضي": "year",
             "الشهر الماضي": "month", "سبتمبر الماضي": "month", "أمس": "day", "الثلاثاء": "day", "منذ 2022": "year"}
    for anchor in (TUE, D(2024, 2, 29), D(2026, 1, 1)):
        for text, precision in cases.items():
            value = grammar.find(normalize(text).text)[0].resolve(anchor)
            assert value.precision == precision, (text, anchor)
            assert len(value.iso()) == {"year": 4, "month": 7, "day": 10}[precision]


def test_partial_date():
    assert PartialDate(2025, 11, 4).iso() == "2025-11-04"
    assert PartialDate(2025, 9).iso() == "2025-09" and PartialDate(2025, 9).precision == "month"
    assert PartialDate(2014).iso() == "2014" and PartialDate(2014).precision == "year"
    assert PartialDate(None).iso() is None and PartialDate(None).precision is None


def test_docstring_examples_hold():
    result = doctest.testmod(graph.dates)
    assert result.attempted > 0 and result.failed == 0


# --------------------------------------------------------------------------- broken dates.yaml

def _broken(tmp_path, schema_dir, old, new):
    text = (schema_dir / "dates.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "dates.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text.replace(old, new, 1).splitlines()


def _line_of(lines, needle):
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_broken_file_reports_every_problem_with_file_and_line(tmp_path, schema_dir):
    text = (schema_dir / "dates.yaml").read_text(encoding="utf-8")
    text = (text.replace("abbreviation_locales: [en]", "abbreviation_locales: [en, xx_NOWHERE]")
                .replace("  أمس: -1", "  أمس: yesterday")
                .replace("  past:\n", "  pastish:\n")
                .replace("year_suffixes: [م]", "year_suffixes: [م]\ncolour: blue"))
    path = tmp_path / "dates.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    with pytest.raises(SchemaError) as err:
        DateGrammar.load(path)
    got = [(p.file, p.line) for p in err.value.problems]
    assert got == sorted(got, key=lambda fl: fl[1])
    assert got == [(str(path), _line_of(lines, "xx_NOWHERE")), (str(path), _line_of(lines, "أمس: yesterday")),
                   (str(path), _line_of(lines, "pastish:")), (str(path), _line_of(lines, "colour: blue"))]
    message = str(err.value)
    assert "'xx_NOWHERE'" in message and "'yesterday'" in message and "'pastish'" in message
    assert "'colour'" in message


@pytest.mark.parametrize("old, new, needle, words", [
    ("    4: [افريل]", "    13: [افريل]", "13: [افريل]", ["13", "1 to 12"]),
    ("    4: [افريل]", "    4: [يناير]", "4: [يناير]", ["'يناير'", "keep one"]),
    ('"on"', "on", "since, in, on", ["'on'", "quote"]),
    ("context_names: [آب,", "context_names: [Smarch, آب,", "Smarch", ["'Smarch'"]),
    ("  week: [الأسبوع, week]", "  fortnight: [x]", "fortnight", ["'fortnight'", "week, month, year"]),
    ("vetoes: [", "vetoes: {", "vetoes: {", ["invalid YAML"]),
    ('  يوم عيد الميلاد: "12-25"', '  يوم عيد الميلاد: "25-12"', '"25-12"', ["feasts", "'25-12'", "MM-DD"]),
    ("  الثاني: 2", "  الثاني: 32", "الثاني: 32", ["ordinal_days", "32", "1 to 31"]),
])
def test_broken_entry_names_its_line(tmp_path, schema_dir, old, new, needle, words):
    path, lines = _broken(tmp_path, schema_dir, old, new)
    with pytest.raises(SchemaError) as err:
        DateGrammar.load(path)
    problem = err.value.problems[0]
    assert problem.file == str(path)
    if "invalid YAML" in words:
        assert problem.line >= _line_of(lines, needle)
    else:
        assert problem.line == _line_of(lines, needle), str(err.value)
    for word in words:
        assert word in problem.message, problem.message


def test_empty_or_missing_file(tmp_path):
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    with pytest.raises(SchemaError, match="empty.yaml:1: empty file"):
        DateGrammar.load(tmp_path / "empty.yaml")
    with pytest.raises(SchemaError, match="cannot read"):
        DateGrammar.load(tmp_path / "absent.yaml")
    (tmp_path / "partial.yaml").write_text("cues: [في]\n", encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        DateGrammar.load(tmp_path / "partial.yaml")
    assert {"months", "weekdays", "day_words", "relative", "units"} == {
        p.message.split("'")[1] for p in err.value.problems}


def test_load_schema_reports_dates_problems(schema_copy):
    path = schema_copy / "dates.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  اليوم: 0", "  اليوم: zero"), encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        load_schema(schema_copy)
    assert any(p.file == str(path) and "'zero'" in p.message for p in err.value.problems)


def test_words_are_data(tmp_path, schema_dir):
    """A new day word in dates.yaml is found without touching the code."""
    path = tmp_path / "dates.yaml"
    shutil.copy(schema_dir / "dates.yaml", path)
    path.write_text(path.read_text(encoding="utf-8").replace("  غدا: 1", "  غدا: 1\n  بكرة: 1"), encoding="utf-8")
    assert one(DateGrammar.load(path), "بكرة", TUE) == "2025-11-05"
