"""Reading articles and normalizing their text without losing offsets.

Rules match on a *normalized* copy of the text (no diacritics or tatweel,
one form of alef, ya and ta marbuta, ASCII digits), but evidence must
highlight the exact words of the *original*. :class:`NormalizedText` keeps a
map from every normalized character back to the original one.

>>> t = normalize("أَجْرى محادثاتٍ")
>>> t.text
'اجري محادثات'
>>> t.original[slice(*t.to_original(0, 4))]
'أَجْرى'
"""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator


from .errors import DocumentError, Problem

__all__ = [
    "NormalizedText", "Sentence", "Document", "normalize", "normalize_arabic", "normalized_words",
    "split_sentences", "SentenceRules", "read_document", "read_documents", "read_manifest",
    "iter_article_paths", "ARTICLE_SUFFIXES", "parse_date_bound",
]

# One-to-one character substitutions (keep the length, so offsets survive).
_SUBSTITUTE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ة": "ه", "ک": "ك", "ڪ": "ك", "ە": "ه",
    # the Maghreb's gaf for a hard g (Mauritanian outlets: مگت، مرزوگ), read as the kaf other outlets write
    "گ": "ك", "ڭ": "ك",
    # the Algerian qaf for a hard g (شنڨريحة) and the pe-like letter for a v (ڤلاديمير): the qaf and fa others write
    "ڨ": "ق", "ڤ": "ف",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\r": " ",
    "’": "'", "‘": "'", "`": "'",
    # the hyphen and the non-breaking hyphen some outlets write inside a name: the ASCII hyphen aliases spell
    "\u2010": "-", "\u2011": "-",
}
_SUBSTITUTE.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits
_SUBSTITUTE.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Extended (Persian) digits
_TABLE = str.maketrans(_SUBSTITUTE)
# str.translate looks every character up (slow past Latin-1): the substitutions are made with str.replace
# instead, the common ones always, the rare ones only when one of them is there (no value is a key, so the
# order does not matter and the result is translate's).
_COMMON = "أإآىة"
_RARE_RE = re.compile("[" + "".join(re.escape(c) for c in _SUBSTITUTE if c not in _COMMON) + "]")


def _substitute(text: str) -> str:
    """``text.translate(_TABLE)``, faster.

    >>> _substitute("أَكَّدَ الرئيسُ ٣ مرّات") == "أَكَّدَ الرئيسُ ٣ مرّات".translate(_TABLE)
    True
    >>> _substitute("\u0634\u0646\u06a8\u0631\u064a\u062d\u0629") == "\u0634\u0646\u0642\u0631\u064a\u062d\u0647"
    True
    """
    for c in _COMMON:
        text = text.replace(c, _SUBSTITUTE[c])
    if _RARE_RE.search(text):
        for c, v in _SUBSTITUTE.items():
            if c not in _COMMON:
                text = text.replace(c, v)
    return text

# Characters dropped entirely: harakat, dagger alef, Quranic marks, tatweel, bidi and zero-width marks.
_DROP_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Presentation forms expand to several letters under NFKC (e.g. the lam-alef ligature).
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


@dataclass(frozen=True)
class NormalizedText:
    """The normalized form of ``original`` and the way back to it."""

    original: str
    text: str
    kept: tuple[int, ...] | None = None  # original index of each normalized char; None = same positions

    def orig_index(self, i: int) -> int:
        if self.kept is None:
            return i
        return self.kept[i] if i < len(self.kept) else len(self.original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span to the original span covering the same words."""
        if self.kept is None:
            return start, end
        if end <= start:
            s = self.orig_index(start)
            return s, s
        s = self.kept[start]
        e = self.kept[end - 1] + 1
        # Swallow marks that followed the last kept character (diacritics on the last letter).
        while e < len(self.original) and _DROP_RE.match(self.original, e):
            e += 1
        return s, e


def normalize_arabic(text: str) -> str:
    """Normalized text only, for building lexicons (same rules as :func:`normalize`)."""
    return normalize(text).text


#: :func:`normalize_arabic` of a word or a few, remembered: stages that normalize the words of a sentence again
#: (a title's word, a trigger's words) meet the same words over and over
normalized_words = functools.lru_cache(maxsize=8192)(normalize_arabic)


def fold_marks(text: str) -> str:
    """``text`` with the marks of its letters taken off (compatibility decomposition, combining marks dropped):
    what a copy's sketch compares (graph.provenance).

    >>> fold_marks("Kraus-Massé, Ngũgĩ")
    'Kraus-Masse, Ngugi'
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# what asks more than the common substitutions: a presentation form, a rare substitution or a dropped mark (most
# sentences hold none: one search instead of three)
_SPECIAL_RE = re.compile("[" + "".join(p.pattern[1:-1] for p in (_PRESENTATION_RE, _RARE_RE, _DROP_RE)) + "]")


def normalize(text: str) -> NormalizedText:
    """Normalize ``text`` for matching, keeping offsets into it."""
    if not _SPECIAL_RE.search(text):   # (no substitution value is a special character)
        mapped = text
        for c in _COMMON:
            mapped = mapped.replace(c, _SUBSTITUTE[c])
        return NormalizedText(text, mapped, None)
    if _PRESENTATION_RE.search(text):
        return _normalize_slow(text)
    mapped = _substitute(text)
    if not _DROP_RE.search(mapped):
        return NormalizedText(text, mapped, None)
    kept: list[int] = []
    pieces: list[str] = []
    pos = 0
    for m in _DROP_RE.finditer(mapped):
        if m.start() > pos:
            pieces.append(mapped[pos:m.start()])
            kept.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(mapped[pos:])
    kept.extend(range(pos, len(mapped)))
    return NormalizedText(text, "".join(pieces), tuple(kept))


def _normalize_slow(text: str) -> NormalizedText:
    out: list[str] = []
    kept: list[int] = []
    for i, ch in enumerate(text):
        if _PRESENTATION_RE.match(ch):
            ch = unicodedata.normalize("NFKC", ch)
        for c in ch:
            c = c.translate(_TABLE)
            if _DROP_RE.match(c):
                continue
            out.append(c)
            kept.append(i)
    return NormalizedText(text, "".join(out), tuple(kept))


@dataclass(frozen=True)
class Sentence:
    """A sentence: its place in the document and its normalized text."""

    index: int
    start: int          # offset in the document's original text
    end: int
    paragraph: int
    norm: NormalizedText  # normalization of original[start:end]

    @property
    def text(self) -> str:
        return self.norm.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Normalized-sentence span -> document offsets."""
        s, e = self.norm.to_original(start, end)
        return self.start + s, self.start + e


@dataclass(frozen=True)
class SentenceRules:
    """What ends a sentence: the marks, and the words whose dot does not ("Gen. Assimi Goita").

    The schema's languages (``schema/languages/*.yaml``) and its date grammar's
    month abbreviations give the real ones (``Schema.sentence_rules``); the
    default knows only the marks every script here shares.

    >>> [s.text for s in SentenceRules(abbreviations=frozenset({"Gen"})).split("Gen. Goita left. Then?")]
    ['Gen. Goita left.', 'Then?']
    >>> [s.text for s in SentenceRules().split("He left in July.Niger's army stayed in the U.S.Army base.")]
    ['He left in July.', "Niger's army stayed in the U.S.Army base."]
    >>> [s.text for s in SentenceRules().split("عاد الوفد.وقال الوزير إنه “راض”.وختم")]
    ['عاد الوفد.', 'وقال الوزير إنه “راض”.', 'وختم']
    """

    ends: str = ".!?…"
    abbreviations: frozenset[str] = frozenset()

    @functools.cached_property
    def _boundary(self) -> re.Pattern:
        # A sentence ends at a mark followed by space (not inside "U.S." or "3.5"), or at a line break. The
        # pattern opens with the one character set (the scan skips to the next mark or line break in C); a
        # mark is left to the sentence: its boundary starts at group 1, after it.
        marks = "".join(re.escape(c) for c in self.ends)
        # A mark glued to the next sentence's capital ('in July.Niger's neighbours', 'obstacles”.The') ends a
        # sentence too when a lower-case word or a closing quote stands before it (not 'U.S.Army', not '3.5');
        # so does one between two Arabic words ('مبعوثيها بالجزائر.وقالت'), a script without capitals.
        return re.compile(rf"[{marks}\n](?:(?<=\n)\n*|(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)"
                          rf"([\"'”»)]*\s+|(?<=[a-z\"”’)][{marks}])[\"'”»)]*(?=[A-Z][a-z])"
                          rf"|(?<=[\u0621-\u064a]{{2}}[{marks}])(?=[\u0621-\u064a]{{2}})"
                          rf"|(?<=[\u0621-\u064a][\"”»)][{marks}])(?=[\u0621-\u064a]{{2}})))")

    def split(self, text: str) -> list[Sentence]:
        """Split into sentences (and paragraphs), keeping original offsets."""
        para_breaks = [m.start() for m in _PARAGRAPH_RE.finditer(text)]
        sentences: list[Sentence] = []
        pos = 0
        bounds = [(m.start(1) if m.start(1) >= 0 else m.start(), m.end()) for m in self._boundary.finditer(text)]
        bounds.append((len(text), len(text)))
        bounds = [(s, e) for s, e in bounds if not self._after_abbreviation(text, s)]
        for b_start, b_end in bounds:
            seg_start, seg_end = pos, b_start
            pos = b_end
            while seg_start < seg_end and text[seg_start].isspace():
                seg_start += 1
            while seg_end > seg_start and text[seg_end - 1].isspace():
                seg_end -= 1
            if seg_end <= seg_start:
                continue
            paragraph = bisect.bisect_left(para_breaks, seg_start)
            sentences.append(Sentence(len(sentences), seg_start, seg_end, paragraph,
                                      normalize(text[seg_start:seg_end])))
        return sentences

    def _after_abbreviation(self, text: str, boundary: int) -> bool:
        """Does the boundary at ``boundary`` follow an abbreviation's dot ('Gen.')?"""
        if not self.abbreviations or boundary == 0 or text[boundary - 1] != ".":
            return False
        word = _LAST_WORD_DOT.search(text, max(0, boundary - 12), boundary)
        return bool(word) and word.group(1) in self.abbreviations


_PARAGRAPH_RE = re.compile(r"\n\s*\n")
_LAST_WORD_DOT = re.compile(r"(\w+)\.$")   # the word whose dot a boundary follows


def split_sentences(text: str, rules: SentenceRules = SentenceRules()) -> list[Sentence]:
    """Split into sentences (and paragraphs), keeping original offsets.

    >>> [s.text for s in split_sentences("زار مالي. ثم عاد!\\n\\nNew para")]
    ['زار مالي.', 'ثم عاد!', 'New para']
    """
    return rules.split(text)


@dataclass
class Document:
    """An article: id (see :mod:`graph.inputs`), text and what the manifest says of it."""

    id: str
    text: str
    path: str | None = None
    published: Any = None           # a datetime.date, or a month-precision graph.dates.PartialDate
    outlet: str | None = None
    lang: str | None = None
    url: str | None = None          # a web page's or dump record's address, kept with the evidence
    source: str | None = None       # the file it was read from, absolute (``#record`` in a news dump): reading
                                    # it again, edited, gives the same article (replaced), whatever its id
    _sentences: list[Sentence] | None = field(default=None, repr=False, compare=False)

    @property
    def sentences(self) -> list[Sentence]:
        """Split by the marks every language shares; extraction splits with the schema's rules."""
        if self._sentences is None:
            self._sentences = split_sentences(self.text)
        return self._sentences

    @classmethod
    def from_text(cls, text: str, id: str = "doc", **meta) -> "Document":
        doc = cls(id=id, text=text, **meta)
        if doc.lang is None:
            doc.lang = guess_language(text)
        return doc


_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_LATIN_RE = re.compile("[A-Za-z]")


def guess_language(text: str) -> str:
    """'ar' when Arabic letters outnumber Latin ones, else 'en'."""
    return "ar" if len(_ARABIC_RE.findall(text)) >= len(_LATIN_RE.findall(text)) else "en"


def parse_date(value, where: str = ""):
    """An ISO date (YYYY-MM-DD, ASCII digits) from a manifest or a flag; clear error otherwise. A page that
    gives only the month (YYYY-MM) has a month-precision date (:class:`graph.dates.PartialDate`): its
    relative dates ('Monday', 'this month') resolve to that month, never to a day it does not give.

    >>> parse_date("2025-11-04"), parse_date(None)
    (datetime.date(2025, 11, 4), None)
    >>> parse_date("2024-04").isoformat()
    '2024-04'
    >>> parse_date("2025-02-30", "m.yaml:3")
    Traceback (most recent call last):
    graph.errors.DocumentError: m.yaml:3: bad publication date '2025-02-30': day is out of range for month
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value
    text = str(value)
    if _ISO_MONTH.fullmatch(text) and 1 <= int(text[5:]) <= 12:
        from .dates import PartialDate   # (dates is the grammar; documents is read first)
        return PartialDate(int(text[:4]), int(text[5:]))
    if not _ISO_DATE.fullmatch(text):
        raise DocumentError(Problem(f"bad publication date {value!r}: expected YYYY-MM-DD (ASCII digits), "
                                    "or YYYY-MM when the page gives only the month", where or None))
    try:
        return _dt.date.fromisoformat(text)
    except ValueError as err:
        raise DocumentError(Problem(f"bad publication date {value!r}: {err}", where or None))


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_DATE_BOUND = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def parse_date_bound(value: str | None, what: str) -> str | None:
    """A date bound at any precision (YYYY, YYYY-MM, YYYY-MM-DD: ASCII digits, a real date), as given;
    a QueryError naming ``what`` (``--from``, ``from=``) otherwise. The CLI, the API and the pages use it.

    >>> parse_date_bound("2025-02", "--from"), parse_date_bound("", "to=")
    ('2025-02', None)
    >>> parse_date_bound("2025-13-45", "from=")
    Traceback (most recent call last):
    graph.errors.QueryError: bad date '2025-13-45' for from=: no such date
    """
    from .errors import QueryError

    if not value:
        return None
    if not _DATE_BOUND.fullmatch(value):
        raise QueryError(f"bad date {value!r} for {what}: use YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        parse_date(value + "-01-01"[len(value) - 4:])     # 2025-02 -> 2025-02-01: the month is checked too
    except DocumentError:
        raise QueryError(f"bad date {value!r} for {what}: no such date") from None
    return value


MAX_ARTICLE_MB = 64.0   # an article file larger than this is refused (GEOGRAPH_MAX_ARTICLE_MB): extraction is
                        # linear, about 4 s per MB on one core, and a bigger file is rarely one article


def max_article_bytes() -> int:
    """The size limit of one article file: ``GEOGRAPH_MAX_ARTICLE_MB`` (megabytes), else :data:`MAX_ARTICLE_MB`."""
    value = os.environ.get("GEOGRAPH_MAX_ARTICLE_MB")
    try:
        mb = float(value) if value else MAX_ARTICLE_MB
    except ValueError:
        mb = float("nan")
    if not 0 < mb < float("inf"):       # nan and inf too
        raise DocumentError(Problem(f"GEOGRAPH_MAX_ARTICLE_MB={value!r}: give a size in megabytes, above 0 and finite"))
    return int(mb * 1e6)


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """A file's bytes, refused (DocumentError naming it) when unreadable or over ``limit`` (default:
    :func:`max_article_bytes`) bytes, checked before reading."""
    limit = max_article_bytes() if limit is None else limit
    try:
        size = path.stat().st_size
        if size > limit:
            raise DocumentError(Problem(f"too large: {size / 1e6:.1f} MB, the limit is {limit / 1e6:g} MB "
                                        "(GEOGRAPH_MAX_ARTICLE_MB); split it into articles", str(path)))
        return path.read_bytes()
    except OSError as err:
        raise DocumentError(Problem(f"cannot read: {err.strerror}", str(path)))


def read_text(path: Path, limit: int | None = None) -> str:
    """UTF-8 with or without BOM and without NUL characters; anything else is a clear error naming the
    file (and line), as is a file over the size limit (see :func:`read_bytes`)."""
    data = read_bytes(path, limit)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DocumentError(Problem(
            f"not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); re-save the file as UTF-8",
            str(path), line))
    check_no_nul(text, str(path))
    return text


def check_no_nul(text: str, where: str | None, line: int | None = None) -> None:
    """A NUL character means a binary file or a broken export, not an article: DocumentError.

    >>> check_no_nul("a\\nb\\x00", "x.txt")
    Traceback (most recent call last):
    graph.errors.DocumentError: x.txt:2: contains a NUL character (a binary file?), at offset 3
    """
    i = text.find("\x00")
    if i >= 0:
        raise DocumentError(Problem(f"contains a NUL character (a binary file?), at offset {i}", where,
                                    line if line is not None else text.count("\n", 0, i) + 1))


_LETTER_RE = re.compile(r"[^\W\d_]")


def has_sentence(text: str) -> bool:
    """Does the text hold a word (a letter), so at least one sentence to read?

    >>> has_sentence("  \\n"), has_sentence("12 ... 34 !"), has_sentence("زار مالي")
    (False, False, True)
    """
    return _LETTER_RE.search(text) is not None


_FROM_INPUTS = ("ARTICLE_SUFFIXES", "iter_article_paths", "read_document", "read_documents")


def __getattr__(name: str):
    """Reading the files (which are articles, web pages, news dumps) lives in graph/inputs.py, which
    builds on this module: its names are re-exported here when first asked for."""
    if name in _FROM_INPUTS:
        from . import inputs
        return getattr(inputs, name)
    if name == "read_manifest":   # graph/manifest.py (checked, with lines) builds on this module too
        from .manifest import read_manifest
        return read_manifest
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
