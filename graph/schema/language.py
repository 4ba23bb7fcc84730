"""``morphology.yaml`` and ``languages/*.yaml``: how words are built, and what each language is like.

``morphology.yaml`` holds word classes shared by every rule (proclitics,
prepositions, conjunctions ...); each ``languages/<code>.yaml`` holds the
facts of one language that are not word lists of a rule: its script, what
ends its sentences, its abbreviations, its possessive, whether its verbs
carry their subject. The codes of those files are the languages a lexicon
may be written in (``{ar: [...], en: [...]}``): adding French is adding
``languages/fr.yaml``.

Both compile into one :class:`Grammar` the engine reads.
"""
from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

from ..documents import SentenceRules, normalize_arabic
from ..matcher import Token, tokenize
from .provisional_names import ProvisionalNames, load_provisional
from .yamlio import Reader, line_of

__all__ = ["Language", "Grammar", "load_morphology", "load_languages", "compile_grammar"]

# Every key of morphology.yaml; a schema without one gets none of it.
_MORPHOLOGY_DEFAULTS = {"proclitics": [], "article": "", "article_contractions": [], "adjective_endings": [""], "object_endings": [],
                        "verb_prefixes": {}, "prepositions": [], "clause_openers": [], "non_actor_heads": [],
                        "conjunctions": [], "list_separators": [], "between": [], "actor_heads_in": [],
                        "actor_heads_prepositions": [], "actor_heads_of": [], "actor_heads_of_prepositions": [], "oblique_prepositions": [], "inflection": None, "whole_words": [],
                        "title_separators": [], "title_links": [], "set_off_title_links": [], "glued_kinds": [], "determiners": [],
                        "aside_marks": [], "joined_aside_marks": [], "possessed_bodies": [], "unnamed_subjects": [], "subjects_after": [],
                        "frames": [], "locatives": [], "resident_titles": [],
                        "speaker_pronouns": [], "epithets": [], "title_epithets": [], "list_openers": [], "list_additions": [], "reference_cues": [], "item_separators": [], "pair_subjects": [],
                        "delegation_cues": [], "companion_cues": [], "ruler_cues": [], "attendance_cues": [], "entourage_cues": [], "retinue_tails": [], "venue_openers": [], "fronted_openers": [], "trailing_frames": [],
                        "identity_openers": [], "reciprocal_cues": [], "plural_titles": [], "dual_titles": [], "feminine_cancels": [], "feminine_endings": [], "open_list_tails": [],
                        "conjunct_heads": [], "inclusive_heads": [], "inclusive_openers": [], "mutual_cues": [],
                        "subordinators": [], "addressee_cues": [], "partitives": [], "member_partitives": [], "unnamed_blocs": [],
                        "speech_complementizers": [], "purpose_clitics": [], "seat_sessions": [], "host_verbs": [], "passive_agents": [], "here_words": [], "topic_prepositions": [], "place_heads": [], "non_actor_tails": [],
                        "lineage_particles": [], "firm_heads": [], "pavilion_heads": [], "site_heads": [],
                        "seat_heads": [], "seat_links": [],
                        "instruments": [], "instrument_kinds": [], "member_heads": [], "first_persons": [], "auxiliaries": [],
                        "adverbial_heads": [], "possessive_determiners": [], "side_asides": [], "joint_cues": []}
_LOWERED = ("prepositions", "clause_openers", "conjunctions", "list_separators", "between", "actor_heads_in", "determiners",
            "actor_heads_of", "actor_heads_of_prepositions", "oblique_prepositions", "whole_words", "title_separators", "title_links", "set_off_title_links", "possessed_bodies",
            "unnamed_subjects", "subjects_after", "frames", "locatives", "resident_titles", "speaker_pronouns", "possessive_determiners",
            "epithets", "title_epithets", "list_openers", "list_additions", "reference_cues", "item_separators", "pair_subjects", "delegation_cues", "companion_cues", "ruler_cues", "attendance_cues", "entourage_cues", "retinue_tails", "venue_openers", "fronted_openers", "trailing_frames",
            "identity_openers", "reciprocal_cues", "plural_titles", "dual_titles", "open_list_tails",
            "conjunct_heads", "inclusive_heads", "inclusive_openers", "mutual_cues", "subordinators", "addressee_cues",
            "partitives", "member_partitives", "unnamed_blocs", "speech_complementizers", "seat_sessions", "host_verbs", "passive_agents", "here_words", "topic_prepositions", "place_heads", "non_actor_tails", "lineage_particles", "firm_heads",
            "pavilion_heads", "site_heads", "seat_heads", "seat_links", "instruments", "member_heads", "first_persons", "auxiliaries", "adverbial_heads",
            "side_asides", "joint_cues")
_AS_WRITTEN = ("non_actor_heads", "article_contractions", "actor_heads_prepositions", "purpose_clitics")


def load_morphology(path: Path, reader: Reader) -> dict:
    """morphology.yaml with every word normalized like article text."""
    if not path.exists():
        return dict(_MORPHOLOGY_DEFAULTS)
    data = reader.yaml(path)
    if not isinstance(data, dict):
        reader.add(path, 1, "expected a mapping (proclitics, article, adjective_endings, verb_prefixes)")
        return dict(_MORPHOLOGY_DEFAULTS)
    reader.check_keys(data, _MORPHOLOGY_DEFAULTS.keys(), (), path, "morphology")
    out = dict(_MORPHOLOGY_DEFAULTS)
    for key in _MORPHOLOGY_DEFAULTS:
        if key in data:
            out[key] = data[key]
    out["proclitics"] = [[normalize_arabic(c) for c in layer] for layer in out["proclitics"]]
    out["adjective_endings"] = [normalize_arabic(e) for e in out["adjective_endings"]]
    out["object_endings"] = [normalize_arabic(e) for e in out["object_endings"]]
    for key in _LOWERED:
        out[key] = [normalize_arabic(str(p)).lower() for p in out[key]]
    for key in _AS_WRITTEN:
        out[key] = [normalize_arabic(str(p)) for p in out[key]]
    out["inflection"] = _inflection_spec(out["inflection"], out["article"], path, line_of(data, "inflection"), reader)
    return out


def _inflection_spec(spec, article, path, line, reader: Reader) -> dict | None:
    """morphology.yaml's ``inflection``: suffixes and last-letter changes generated for triggers and titles
    (graph.inflection)."""
    if spec is None:
        return None
    if not isinstance(spec, dict):
        reader.add(path, line, "inflection: expected {suffixes, before_suffix, min_length}")
        return None
    reader.check_keys(spec, ("suffixes", "before_suffix", "min_length", "homographs"), ("suffixes",), path,
                      "inflection")
    before = spec.get("before_suffix") or {}
    if not isinstance(before, dict):
        reader.add(path, line, "inflection.before_suffix: expected a mapping of last letter -> letter")
        before = {}
    return {"article": normalize_arabic(article),
            "suffixes": [normalize_arabic(s) for s in reader.str_list(spec.get("suffixes"), path, line,
                                                                     "inflection.suffixes")],
            "before_suffix": {normalize_arabic(str(k)): normalize_arabic(str(v)) for k, v in before.items()},
            "min_length": int(spec.get("min_length", 3)),
            "homographs": frozenset(normalize_arabic(h) for h in reader.str_list(spec.get("homographs"), path, line,
                                                                                   "inflection.homographs"))}


def _letters_in(script: re.Pattern, text: str) -> int:
    """How many letters of a script ``text`` has: counted by runs (one string a word, not one a letter).

    >>> _letters_in(re.compile("[a-z]"), "ab, c")
    3
    """
    runs = _letter_runs(script)
    return sum(map(len, runs.findall(text))) if runs is not None else len(script.findall(text))


@functools.lru_cache(maxsize=None)
def _letter_runs(script: re.Pattern) -> re.Pattern | None:
    """The runs of a one-letter class (the loader's ``[...]``), else None."""
    p = script.pattern
    if p.startswith("[") and p.endswith("]") and "]" not in p[1:-1]:
        return re.compile(f"(?:{p})+", script.flags)
    return None


@dataclass(frozen=True)
class Language:
    """One ``languages/<code>.yaml``."""

    code: str
    name: str
    script: re.Pattern | None = None       # a letter of the language ('[\u0600-\u06FF]')
    pro_drop: bool = False                 # verbs carry their subject: it may be carried from earlier sentences
    name_vowel: str = ""                   # a long vowel transliterated names write or leave out (سانغاري / سنغاري)
    inflected_demonyms: bool = False       # demonym stems take morphology's adjective_endings and article
    sentence_ends: tuple[str, ...] = ()
    abbreviations: frozenset[str] = frozenset()
    clause_boundaries: tuple[str, ...] = ()
    possessive: tuple[str, ...] = ()       # "'s"
    affiliation_before_title: bool = False   # "Mali's Foreign Minister", "US envoy" (Arabic puts it after)
    glued_letters: re.Pattern | None = None  # two-word names of these letters are also written as one word
    quotes: tuple[str, ...] = ()           # opening and closing marks, two letters each ("“”"): around one name,
                                           # the opening mark is no boundary
    #: names read from their shape (``provisional_persons``): a person the gazetteer does not know, named beside a
    #: title, becomes a provisional node (graph.extraction.provisional); None: the language's names are not read so
    provisional_persons: ProvisionalNames | None = None

    def writes(self, text: str) -> bool:
        """Is there a letter of this language in ``text``?"""
        return self.script is not None and self.script.search(text) is not None


_LANGUAGE_KEYS = ("name", "script", "pro_drop", "name_vowel", "inflected_demonyms", "sentence_ends", "abbreviations",
                  "clause_boundaries", "possessive", "affiliation_before_title", "glued_letters", "quotes",
                  "provisional_persons")


def load_languages(folder: Path, reader: Reader) -> dict[str, Language]:
    """One Language per ``<code>.yaml`` of the folder, by code."""
    if not folder.is_dir():
        reader.add(folder, None, "languages folder is missing (one <code>.yaml per language: ar.yaml, en.yaml)")
        return {}
    out: dict[str, Language] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = reader.yaml(path)
        if not isinstance(data, dict):
            if data is not None:
                reader.add(path, 1, f"expected a mapping ({', '.join(_LANGUAGE_KEYS)})")
            continue
        reader.check_keys(data, _LANGUAGE_KEYS, ("name",), path, "language")
        out[path.stem] = _language(path, data, reader)
    return out


def _letters(path: Path, data: dict, key: str, reader: Reader, pattern: str = "[{}]") -> re.Pattern | None:
    if data.get(key) is None:
        return None
    try:  # a bare "[" in the letters is an error here, not a FutureWarning printed to the analyst
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            return re.compile(pattern.format(data[key]))
    except (re.error, FutureWarning) as err:
        reader.add(path, line_of(data, key), f"{key}: {data[key]!r} is not a range of letters "
                   f"such as \"\\u0600-\\u06FF\" ({err})")
        return None


def _language(path: Path, data: dict, reader: Reader) -> Language:
    script = _letters(path, data, "script", reader)

    def words(key: str, normalized: bool = True) -> list[str]:
        items = reader.str_list(data.get(key), path, line_of(data, key), key)
        return [normalize_arabic(w) for w in items] if normalized else items

    def marks(key: str, normalized: bool) -> tuple[str, ...]:
        out = words(key, normalized)
        for mark in out:
            if len(mark) != 1:
                reader.add(path, line_of(data, key), f"{key}: {mark!r} is not a single mark")
        return tuple(out)
    vowel = normalize_arabic(str(data.get("name_vowel") or ""))
    if len(vowel) > 1:
        reader.add(path, line_of(data, "name_vowel"), f"name_vowel: one letter, got {vowel!r}")
    # sentence ends and abbreviations are looked for in the original text, the rest in normalized tokens
    return Language(path.stem, str(data.get("name")), script, bool(data.get("pro_drop", False)), vowel,
                    bool(data.get("inflected_demonyms", False)), marks("sentence_ends", False),
                    frozenset(words("abbreviations", False)), marks("clause_boundaries", True),
                    tuple(words("possessive")), bool(data.get("affiliation_before_title", False)),
                    _letters(path, data, "glued_letters", reader, "[{}]{{3,}}"), _quotes(path, data, reader),
                    load_provisional(path, data, reader))


def _quotes(path: Path, data: dict, reader: Reader) -> tuple[str, ...]:
    pairs = tuple(reader.str_list(data.get("quotes"), path, line_of(data, "quotes"), "quotes"))
    for pair in pairs:
        if len(pair) != 2:
            reader.add(path, line_of(data, "quotes"), f"quotes: {pair!r} is not an opening and a closing mark")
    return tuple(p for p in pairs if len(p) == 2)


@dataclass(frozen=True)
class Grammar:
    """Word classes (morphology.yaml) and language facts (languages/), as the engine reads them."""

    languages: Mapping[str, Language]
    article: str
    adjective_endings: tuple[str, ...]
    object_endings: tuple[str, ...]        # a demonym's oblique plural ('الموريتانيين'): an object, no subject
    proclitic_letters: str                 # every proclitic, one string ('وفبلك')
    conjunction_clitics: tuple[str, ...]   # the first proclitic layer ('و', 'ف')
    prepositions: frozenset[str]
    clitic_prepositions: frozenset[str]    # prepositions of one letter, written attached ('ب', 'ل')
    clause_openers: frozenset[str]
    non_actor_heads: frozenset[str]
    conjunctions: frozenset[str]
    list_separators: frozenset[str]
    between: frozenset[str]
    actor_heads_in: frozenset[str]
    actor_heads_prepositions: frozenset[str]
    clause_boundaries: frozenset[str]      # marks a subject or a cue does not reach across
    possessives: tuple[tuple[str, ...], ...]   # token texts ("'", "s")
    actor_heads_of: frozenset[str] = frozenset()      # "the leaders of Mali": Mali acts
    member_heads: frozenset[str] = frozenset()        # "the member states of X": X's members act
    actor_heads_of_prepositions: frozenset[str] = frozenset()   # the "of" after them
    oblique_prepositions: frozenset[str] = frozenset()   # 'to the X': an oblique actor past an article
    title_separators: frozenset[str] = frozenset()    # marks between a title and its holder's name
    title_links: frozenset[str] = frozenset()   # words between a name and the title after it ('named X as envoy')
    set_off_title_links: frozenset[str] = frozenset()   # ... after the name's comma ('X, appointed director of ...')
    glued_kinds: frozenset[str] = frozenset()         # kinds whose two-word names are also written glued
    joiners: frozenset[str] = frozenset()      # conjunctions and list separators
    determiners: frozenset[str] = frozenset()  # written apart before a name ("Mali and the AES")
    aside_marks: frozenset[str] = frozenset()  # dashes that open and close an aside when written apart
    joined_aside_marks: frozenset[str] = frozenset()   # ... and even when joined to both words (an em dash)
    possessive_firsts: frozenset[str] = frozenset()   # their first tokens (most words start none)
    possessed_bodies: frozenset[str] = frozenset()
    unnamed_subjects: frozenset[str] = frozenset()   # 'some allied with X': the subject is nobody named
    subjects_after: frozenset[str] = frozenset()   # 'حيث يتهم سكان X': a verb-first subject, nobody named
    frames: frozenset[str] = frozenset()   # 'talks ... during a visit on Wednesday': the visit frames the talks
    locatives: frozenset[str] = frozenset()   # 'met X in Bamako': the prepositions that place an event
    resident_titles: frozenset[str] = frozenset()   # 'the ambassador of China in Niamey' lives there: no visit
    speaker_pronouns: frozenset[str] = frozenset()   # 'X said that he met Y': the speaker is the subject
    possessive_determiners: frozenset[str] = frozenset()   # 'after their exit from X': whose the event noun is
    first_persons: frozenset[str] = frozenset()   # '"I met Y," X said': the closing speaker is the subject
    auxiliaries: frozenset[str] = frozenset()   # 'وكانت X استدعت ...': a leading 'was' before the subject
    epithets: tuple[tuple[str, ...], ...] = ()   # 'with former colonial power France': words before a name, longest first
    title_epithets: tuple[tuple[str, ...], ...] = ()   # 'X, the newly appointed envoy': words between article and title
    epithet_ends: frozenset[str] = frozenset()   # their last words (most words end none)
    list_openers: tuple[tuple[str, ...], ...] = ()   # 'received the ministers: A, B, C', 'namely A and B'
    side_asides: tuple[tuple[str, ...], ...] = ()   # 'A, represented by its ministry, and B': the aside's opener
    joint_cues: tuple[tuple[str, ...], ...] = ()   # 'A, alongside B, turned to Y': B did it too
    list_additions: tuple[tuple[str, ...], ...] = ()   # 'namely A and B in addition to C': one more item
    reference_cues: tuple[tuple[str, ...], ...] = ()   # '... our member states, referring to A and B'
    partitives: tuple[tuple[str, ...], ...] = ()   # 'in one of the member states': one unnamed member, not all
    member_partitives: tuple[tuple[str, ...], ...] = ()   # 'one of the pillars of the AES': a member, not the bloc
    unnamed_blocs: tuple[tuple[str, ...], ...] = ()   # 'left a regional bloc, ... its member states': not the one named before
    place_heads: frozenset[str] = frozenset()   # 'بالعاصمة الغانية', 'Ghana's capital': a place, no party
    non_actor_tails: frozenset[str] = frozenset()   # 'the Sudanese border': a demonym before them is no actor
    lineage_particles: frozenset[str] = frozenset()   # 'X بن Y', 'X آل Y': a name goes on past them
    firm_heads: frozenset[str] = frozenset()   # 'chief of the Nigerian firm': a title naming its body generically
    pavilion_heads: frozenset[str] = frozenset()   # 'رواق المغرب': a fair's stand a state's name owns, not the state
    site_heads: frozenset[str] = frozenset()   # 'the French embassy': a state's site, visited without entering the state
    # 'the Treaty of Lisbon', 'نظام لشبونة الأساسي': the words around a name that make it a treaty's name, no actor
    instruments: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    instrument_kinds: frozenset[str] = frozenset()   # the kinds of entity so read (a state's or a city's name)
    instrument_edges: frozenset = frozenset()   # their words next to the name (None: one has none)
    item_separators: frozenset[str] = frozenset()   # 'A, a minister; B, a general': a list whose items hold commas
    pair_subjects: frozenset[str] = frozenset()   # 'the two sides' as a subject ('الطرفان', not 'الطرفين')
    open_list_tails: tuple[tuple[str, ...], ...] = ()   # 'A, B, C and other countries': the list goes on unnamed
    open_list_firsts: frozenset[str] = frozenset()   # their first words
    conjunct_heads: frozenset[str] = frozenset()   # 'الجيش المالي وحلفاءه الروس': the word names the next conjunct
    inclusive_heads: frozenset[str] = frozenset()   # 'from several nations, including A and B': a plural head
    inclusive_openers: tuple[tuple[str, ...], ...] = ()   # ... and the words that name its members after it
    mutual_cues: tuple[tuple[str, ...], ...] = ()   # 'from each other's capitals': each side did it to the other
    subordinators: tuple[tuple[str, ...], ...] = ()   # 'the talks came as friction between A and B grew'
    speech_complementizers: frozenset[str] = frozenset()   # 'said at the summit that A and B ...': the speech opens
    purpose_clitics: frozenset[str] = frozenset()   # 'لبحث' (to discuss): a verbal noun, its subject not after it
    adverbial_heads: frozenset[str] = frozenset()   # 'بناء على طلب X': the preposition after it opens no argument
    delegation_cues: tuple[tuple[str, ...], ...] = ()   # 'the delegation, led by X and including Y'
    companion_cues: tuple[tuple[str, ...], ...] = ()   # 'X, accompanied by A, met Y': A came along, no subject
    ruler_cues: tuple[tuple[str, ...], ...] = ()   # 'the state, led by X, wants': X describes the state, no subject
    attendance_cues: tuple[tuple[str, ...], ...] = ()   # 'after talks with Y, in the presence of A, X said': A sat in
    entourage_cues: tuple[tuple[str, ...], ...] = ()   # 'Accompanying him were X', a sentence after the visit
    addressee_cues: tuple[tuple[str, ...], ...] = ()   # 'in a letter to the council': who reads, no party
    venue_openers: tuple[tuple[str, ...], ...] = ()   # 'met on the sidelines of the X summit in Y': Y is where
    trailing_frames: tuple[tuple[str, ...], ...] = ()   # 'X stays suspended following the summit': no meeting of X
    retinue_tails: tuple[tuple[str, ...], ...] = ()   # 'received X and his delegation in Y': Y is still where
    seat_sessions: tuple[tuple[str, ...], ...] = ()   # 'an AU summit at Addis Ababa': the body's, no visit
    host_verbs: tuple[tuple[str, ...], ...] = ()   # 'Moscow hosted talks of ...': the place beside it is the venue
    passive_agents: tuple[tuple[str, ...], ...] = ()   # 'received ... by Y': the subject is the guest, not the host
    here_words: frozenset[str] = frozenset()   # 'CITY, Jan. 8 -- X met Y here': the dateline's place is the venue
    topic_prepositions: frozenset[str] = frozenset()   # 'discussions on the X scheme': what follows is the topic
    seat_heads: frozenset[str] = frozenset()   # 'met X at the AU's seat': the body after it is where, no party
    seat_links: frozenset[str] = frozenset()   # 'the headquarters of the bloc': the word between the seat and its body
    possessive_suffixes: tuple[str, ...] = ()   # inflection's suffixes, longest first: 'انسحابها' is her withdrawal
    fronted_openers: frozenset[str] = frozenset()   # 'Following talks with X, Y said': a fronted phrase's opener
    identity_openers: frozenset[str] = frozenset()   # 'رجل دين مالي هو X': the word that names who a description is
    reciprocal_cues: frozenset[str] = frozenset()   # 'ردت X بالمثل': it did to the others what they did to it
    plural_titles: frozenset[str] = frozenset()   # 'وزراء خارجية A X، وB Y': a title each state's person holds
    dual_titles: frozenset[str] = frozenset()   # 'نائبا وزير الدفاع X وY': a title two persons hold
    feminine_cancels: frozenset[str] = frozenset()   # 'former' in the feminine: it cancels a feminine title only
    feminine_endings: tuple[str, ...] = ()   # the endings that make a title word feminine
    article_contractions: frozenset[str] = frozenset()   # proclitics that absorb the article's first letter ('لل')
    # the languages' quotation marks (languages/*.yaml ``quotes``) and the straight '"' every script uses both ways:
    # those that open a quoted name ('في "تحالف دول الساحل"'), those that close one, and all of them
    quote_openers: frozenset[str] = frozenset()
    quote_closers: frozenset[str] = frozenset()
    quote_marks: frozenset[str] = frozenset()

    def language_of(self, text: str) -> Language | None:
        """The language ``text`` is mostly written in (by its letters), or None; letters are counted only when
        two languages write some (a sentence is mostly in one script: a search finds whether it has any)."""
        present = [lang for lang in self.languages.values() if lang.script is not None and lang.script.search(text)]
        if len(present) < 2:
            return present[0] if present else None
        counts = [(_letters_in(lang.script, text), lang) for lang in present]
        return max(counts, key=lambda c: c[0])[1]

    def inflects(self, stem: str) -> bool:
        """Does this demonym stem take the adjective endings (is it in such a language)?"""
        return any(lang.inflected_demonyms and lang.writes(stem) for lang in self.languages.values())

    def affiliation_before_title(self, lang: str | None) -> bool:
        """May a title's affiliation stand before it in this language ("Mali's Foreign Minister")?"""
        language = self.languages.get(lang) if lang else None
        return bool(language and language.affiliation_before_title)

    def glued(self, name: str) -> list[str]:
        """A two-word name written as one word ('Burkina Faso' glued), in a language that does so; else []."""
        words = name.split()
        if len(words) == 2 and any(lang.glued_letters is not None and all(lang.glued_letters.fullmatch(w)
                                                                           for w in words)
                                   for lang in self.languages.values()):
            return ["".join(words)]
        return []

    def name_vowel(self, name: str) -> str:
        """The long vowel that transliterations of this name may write or leave out ('' if none)."""
        return next((lang.name_vowel for lang in self.languages.values() if lang.name_vowel and lang.writes(name)),
                    "")

    def glued_preposition(self, word: str) -> str:
        """The preposition written on ``word`` ('بالدعم' with the support), or '' (a word of three letters or fewer
        that starts with one is a word of its own).

        >>> from graph.rules import load_schema
        >>> g = load_schema().grammar
        >>> g.glued_preposition("بالدعم"), g.glued_preposition("بين"), g.glued_preposition("with")
        ('ب', '', '')
        """
        return word[:1] if len(word) > 3 and word[:1] in self.clitic_prepositions else ""

    def each_head(self, word: str) -> bool:
        """Is ``word`` a head whose 'of' list acts ('كل من A وB', 'the leaders of'), a clitic preposition on it or not
        ('لكل من A وB': for each of A and B, no 'from')?

        >>> from graph.rules import load_schema
        >>> g = load_schema().grammar
        >>> g.each_head("كل"), g.each_head("لكل"), g.each_head("leaders"), g.each_head("لندن")
        (True, True, True, False)
        """
        return word in self.actor_heads_of or (word[:1] in self.clitic_prepositions and word[1:] in self.actor_heads_of)

    def possessive_at(self, tokens: Sequence[Token], i: int, any_case: bool = False) -> tuple[str, ...]:
        """The tokens of a possessive ("'", "s") written from token i, or ()."""
        if i >= len(tokens) or (tokens[i].text.lower() if any_case else tokens[i].text) not in self.possessive_firsts:
            return ()
        for marker in self.possessives:
            if i + len(marker) > len(tokens):
                continue
            texts = tuple(tokens[i + k].text for k in range(len(marker)))
            if any_case:
                texts = tuple(t.lower() for t in texts)
            if texts == marker:
                return marker
        return ()


def _phrases(entries) -> tuple[tuple[str, ...], ...]:
    """Each entry's tokens, longest first (a longer phrase is tried before one it starts with)."""
    return tuple(sorted({tuple(t.text for t in tokenize(e)) for e in entries}, key=lambda w: (-len(w), w)))


def _around(entry: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words before and after the ``*`` of a frame around a name.

    >>> _around("treaty of *")
    (('treaty', 'of'), ())
    """
    before, _, after = entry.partition("*")
    return tuple(t.text for t in tokenize(before)), tuple(t.text for t in tokenize(after))


def _edges(around: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple:
    """The words of a frame right next to its name: the last before it, the first after it (None: neither)."""
    before, after = around
    return (*before[-1:], *after[:1]) or (None,)


def compile_grammar(morphology: Mapping, languages: Mapping[str, Language]) -> Grammar:
    m = morphology
    preps = frozenset(m["prepositions"])
    instruments = tuple(_around(e) for e in m["instruments"])
    marker_tokens = {tuple(t.text for t in tokenize(p)) for lang in languages.values() for p in lang.possessive}
    return Grammar(
        languages=MappingProxyType(dict(languages)), article=m["article"],
        adjective_endings=tuple(m["adjective_endings"]), object_endings=tuple(m["object_endings"]),
        proclitic_letters="".join(c for layer in m["proclitics"] for c in layer),
        conjunction_clitics=tuple((m["proclitics"] or [[]])[0]),
        prepositions=preps, clitic_prepositions=frozenset(p for p in preps if len(p) == 1),
        clause_openers=frozenset(m["clause_openers"]), non_actor_heads=frozenset(m["non_actor_heads"]),
        conjunctions=frozenset(m["conjunctions"]), list_separators=frozenset(m["list_separators"]),
        between=frozenset(m["between"]), actor_heads_in=frozenset(m["actor_heads_in"]),
        actor_heads_prepositions=frozenset(m["actor_heads_prepositions"]),
        actor_heads_of=frozenset(m["actor_heads_of"]), member_heads=frozenset(m["member_heads"]),
        actor_heads_of_prepositions=frozenset(m["actor_heads_of_prepositions"]),
        oblique_prepositions=frozenset(m["oblique_prepositions"]), title_separators=frozenset(m["title_separators"]),
        title_links=frozenset(m["title_links"]), set_off_title_links=frozenset(m["set_off_title_links"]),
        glued_kinds=frozenset(m["glued_kinds"]),
        clause_boundaries=frozenset(c for lang in languages.values() for c in lang.clause_boundaries),
        possessives=tuple(sorted(t for t in marker_tokens if t)),
        joiners=frozenset(m["conjunctions"]) | frozenset(m["list_separators"]),
        determiners=frozenset(m["determiners"]), aside_marks=frozenset(m["aside_marks"]),
        joined_aside_marks=frozenset(m["joined_aside_marks"]),
        possessive_firsts=frozenset(t[0] for t in marker_tokens if t),
        quote_openers=frozenset(q[0] for lang in languages.values() for q in lang.quotes) | {'"'},
        quote_closers=frozenset(q[1] for lang in languages.values() for q in lang.quotes) | {'"'},
        quote_marks=frozenset(c for lang in languages.values() for q in lang.quotes for c in q) | {'"'},
        possessed_bodies=frozenset(m["possessed_bodies"]), unnamed_subjects=frozenset(m["unnamed_subjects"]),
        subjects_after=frozenset(m["subjects_after"]),
        frames=frozenset(m["frames"]), locatives=frozenset(m["locatives"]),
        resident_titles=frozenset(m["resident_titles"]), speaker_pronouns=frozenset(m["speaker_pronouns"]),
        possessive_determiners=frozenset(m["possessive_determiners"]),
        first_persons=frozenset(m["first_persons"]), auxiliaries=frozenset(m["auxiliaries"]),
        epithets=_phrases(m["epithets"]), title_epithets=_phrases(m["title_epithets"]),
        epithet_ends=frozenset(t[-1].text for t in (tokenize(e) for e in m["epithets"]) if t),
        list_openers=_phrases(m["list_openers"]), list_additions=_phrases(m["list_additions"]),
        side_asides=_phrases(m["side_asides"]), joint_cues=_phrases(m["joint_cues"]),
        item_separators=frozenset(m["item_separators"]), pair_subjects=frozenset(m["pair_subjects"]),
        reference_cues=_phrases(m["reference_cues"]),
        partitives=_phrases(m["partitives"]), member_partitives=_phrases(m["member_partitives"]),
        unnamed_blocs=_phrases(m["unnamed_blocs"]),
        place_heads=frozenset(m["place_heads"]), non_actor_tails=frozenset(m["non_actor_tails"]),
        lineage_particles=frozenset(m["lineage_particles"]), site_heads=frozenset(m["site_heads"]),
        firm_heads=frozenset(m["firm_heads"]), pavilion_heads=frozenset(m["pavilion_heads"]), instruments=instruments,
        instrument_edges=frozenset(edge for frame in instruments for edge in _edges(frame)),
        instrument_kinds=frozenset(m["instrument_kinds"]),
        conjunct_heads=frozenset(m["conjunct_heads"]),
        inclusive_heads=frozenset(m["inclusive_heads"]),
        subordinators=_phrases(m["subordinators"]),
        speech_complementizers=frozenset(m["speech_complementizers"]),
        purpose_clitics=frozenset(m["purpose_clitics"]), adverbial_heads=frozenset(m["adverbial_heads"]),
        mutual_cues=_phrases(m["mutual_cues"]),
        inclusive_openers=_phrases(m["inclusive_openers"]),
        open_list_tails=_phrases(m["open_list_tails"]),
        open_list_firsts=frozenset(t[0].text for t in (tokenize(e) for e in m["open_list_tails"]) if t),
        delegation_cues=_phrases(m["delegation_cues"]), companion_cues=_phrases(m["companion_cues"]),
        ruler_cues=_phrases(m["ruler_cues"]),
        attendance_cues=_phrases(m["attendance_cues"]),
        entourage_cues=_phrases(m["entourage_cues"]), retinue_tails=_phrases(m["retinue_tails"]),
        venue_openers=_phrases(m["venue_openers"]), addressee_cues=_phrases(m["addressee_cues"]),
        trailing_frames=_phrases(m["trailing_frames"]),
        seat_sessions=_phrases(m["seat_sessions"]), host_verbs=_phrases(m["host_verbs"]),
        passive_agents=_phrases(m["passive_agents"]),
        here_words=frozenset(m["here_words"]), topic_prepositions=frozenset(m["topic_prepositions"]),
        seat_heads=frozenset(m["seat_heads"]), seat_links=frozenset(m["seat_links"]),
        fronted_openers=frozenset(m["fronted_openers"]), identity_openers=frozenset(m["identity_openers"]),
        reciprocal_cues=frozenset(m["reciprocal_cues"]),
        plural_titles=frozenset(normalize_arabic(w) for w in m["plural_titles"]),
        dual_titles=frozenset(normalize_arabic(w) for w in m["dual_titles"]),
        feminine_cancels=frozenset(normalize_arabic(w) for w in m["feminine_cancels"]),
        feminine_endings=tuple(normalize_arabic(e) for e in m["feminine_endings"] if e),
        article_contractions=frozenset(m["article_contractions"]),
        possessive_suffixes=tuple(sorted((m["inflection"] or {}).get("suffixes") or (), key=lambda x: (-len(x), x))))


def sentence_rules(languages: Mapping[str, Language], month_abbreviations: frozenset[str]) -> SentenceRules:
    """Sentence ends of every language; abbreviations of every language and the date grammar's months."""
    ends = "".join(dict.fromkeys(c for lang in languages.values() for c in lang.sentence_ends))
    abbreviations = frozenset().union(*(lang.abbreviations for lang in languages.values()), month_abbreviations)
    return SentenceRules(ends, abbreviations)
