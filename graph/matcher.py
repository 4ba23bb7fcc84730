"""Token-sequence matching with Arabic proclitics, compiled once.

A *pattern* is a phrase of space-separated tokens as a curator writes it:
``"وزير الخارجية"``, ``"فرض* عقوب*"`` (a trailing ``*`` matches any ending),
``"رفع* ... العقوبات"`` (``...`` skips up to eight words; punctuation is free). Patterns are
normalized like the text (:func:`graph.documents.normalize_arabic`). Latin
tokens match case-insensitively unless written in capitals (``US``, ``JNIM``).

The first token of a match may carry proclitics (و، ف then ب، ل، ك; ``لل`` is
``ل`` + ``ال``), which are stripped before lookup and reported, so a rule can
ask whether a mention was introduced by ``ب`` or ``ل``. All of it comes from
``schema/morphology.yaml``.

>>> m = PhraseMatcher({"proclitics": [["و", "ف"], ["ب", "ل", "ك"]], "article": "ال", "article_contractions": ["ل"]})
>>> m.add("القوات المسلحة", "MAF"); m.add("شارك*", "JOIN")
>>> [(x.start, x.end, x.payload, x.clitic) for x in m.find(tokenize(normalize_arabic("وللقوات المسلحة شاركت")))]
[(0, 2, 'MAF', 'ول'), (2, 3, 'JOIN', '')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, NamedTuple

from .documents import normalize_arabic
from .inflection import inflections

__all__ = ["GAP_TEXT", "Token", "tokenize", "PhraseMatcher", "Match", "compile_pattern", "PatternError", "Category",
           "split_categories", "longest_matches"]

# a token (a word, or one mark that is neither a word character nor space) and the white space before it
# (digits glued to the Arabic word after them are a word of their own: a dateline run into the lead, '٢٠٢٥أعربت')
_SPACED_TOKEN_RE = re.compile(r"(\s*)(?:(\d+(?=[\u0621-\u064A]{2})|\w+)|([^\w\s]))")
_GLUED_RE = re.compile(r"\d[\u0621-\u064A]{2}")
GAP_TEXT = "..."


class _Gap:
    """The ``...`` of a compiled pattern: one object, told apart by identity, that pickles as itself
    (a plain ``"..."`` would come back from a pickled schema as another string object)."""

    __slots__ = ()

    def __reduce__(self):
        return "GAP"

    def __repr__(self):
        return "GAP"


GAP = _Gap()
PREFIX = "*"   # a pattern word ending in it matches every word it starts ('شارك*')
GAP_MAX = 8


class Token(NamedTuple):
    """A word or a punctuation mark of normalized text (a named tuple: sentences make thousands)."""

    start: int
    end: int
    text: str
    is_word: bool = True     # False for a punctuation mark


#: makes a named tuple from its fields without the Python-level ``__new__`` (hot loops make thousands)
_new = tuple.__new__


def tokenize(text: str) -> list[Token]:
    """Words (letters, digits) and single punctuation marks, with offsets.

    Text whose words stand one space apart (most sentences) is split on spaces, in C: a piece of letters and
    digits only is one word (``str.isalnum`` and ``\\s`` are exactly what ``\\w`` and ``str.split`` read),
    and only a piece with a mark in it is read with the pattern. Any other text is read with ``findall``
    (no match object per token): only white space stands between two tokens, so each one's offset is the
    length of what came before it.

    >>> [(t.start, t.end, t.text, t.is_word) for t in tokenize(" زار، مالي")]
    [(1, 4, 'زار', True), (4, 5, '،', False), (6, 10, 'مالي', True)]
    >>> [(t.start, t.text, t.is_word) for t in tokenize("زار، مالي_2 (AP).")]
    [(0, 'زار', True), (3, '،', False), (5, 'مالي_2', True), (12, '(', False), (13, 'AP', True), (15, ')', False), (16, '.', False)]
    >>> [t.text for t in tokenize("2025أعربت مالي 2024م")]
    ['2025', 'أعربت', 'مالي', '2024م']
    """
    pieces = text.split()
    if " ".join(pieces) == text and not _GLUED_RE.search(text):
        return _tokenize_pieces(pieces)
    out = []
    pos = 0
    for space, word, mark in _SPACED_TOKEN_RE.findall(text):
        pos += len(space)
        if word:
            end = pos + len(word)
            out.append(_new(Token, (pos, end, word, True)))
        else:
            end = pos + 1
            out.append(_new(Token, (pos, end, mark, False)))
        pos = end
    return out


_PIECE_RE = re.compile(r"\w+|[^\w\s]")   # the tokens of a piece of text with no white space


def _tokenize_pieces(pieces: list[str]) -> list[Token]:
    """The tokens of text that is ``pieces`` joined by single spaces."""
    out = []
    append = out.append
    pos = 0
    for piece in pieces:
        if piece.isalnum():   # (a word: most pieces)
            end = pos + len(piece)
            append(_new(Token, (pos, end, piece, True)))
        else:
            for tok in _PIECE_RE.findall(piece):
                end = pos + len(tok)
                # ('_' is a word letter that is not alphanumeric)
                append(_new(Token, (pos, end, tok, len(tok) > 1 or tok.isalnum() or tok == "_")))
                pos = end
        pos = end + 1
    return out


class PatternError(ValueError):
    """A pattern cannot be compiled (the loader adds file and line)."""


@dataclass(frozen=True)
class _Tok:
    text: str
    prefix: bool
    exact_case: bool
    alts: frozenset = frozenset()   # generated inflections ('الزيارة', 'زيارتها' for 'زيارة')
    quick: frozenset | None = None  # lower-cased forms a whole-word, any-case token accepts (None: call matches)

    def __post_init__(self):
        if not self.prefix and not self.exact_case:
            object.__setattr__(self, "quick", frozenset((self.text, *self.alts)))

    def matches(self, token: str) -> bool:
        if self.quick is not None:   # (a whole word of any case, the most of them: one look-up)
            return token.lower() in self.quick
        t = token if self.exact_case else token.lower()
        if self.prefix:
            return t.startswith((self.text, *self.alts))
        return t == self.text or t in self.alts

    def keys(self) -> tuple[str, ...]:
        return (self.text, *sorted(self.alts))


def _is_caps(tok: str) -> bool:
    return len(tok) > 1 and tok.isupper()


def compile_pattern(pattern: str, inflection: dict | None = None) -> tuple:
    """Pattern text -> tuple of _Tok / GAP; with ``inflection``, each word also matches its generated forms."""
    norm = normalize_arabic(pattern).strip()
    if not norm:
        raise PatternError("empty pattern")
    out = []
    for raw in norm.split():
        if raw == GAP_TEXT:
            if not out:
                raise PatternError(f"pattern {pattern!r} cannot start with '...'")
            if out[-1] is GAP:   # (one gap already spans up to GAP_MAX words: a second would stand for nothing)
                raise PatternError(f"pattern {pattern!r} has '...' twice in a row: one '...' spans up to {GAP_MAX} words")
            out.append(GAP)
            continue
        prefix = raw.endswith(PREFIX)
        core = raw.rstrip(PREFIX)
        pieces = [t.text for t in tokenize(core)]
        if not pieces:
            raise PatternError(f"pattern {pattern!r} has an empty token")
        for i, piece in enumerate(pieces):
            caps = _is_caps(piece)
            text = piece if caps else piece.lower()
            is_prefix = prefix and i == len(pieces) - 1
            alts = frozenset()
            if inflection and not caps:
                forms = inflections(text, {"article": inflection.get("article")} if is_prefix else inflection)
                alts = frozenset(forms - {text})
            out.append(_Tok(text, is_prefix, caps, alts))
    if out[-1] is GAP:
        raise PatternError(f"pattern {pattern!r} cannot end with '...'")
    return tuple(out)


class Match(NamedTuple):
    """A pattern found in a token list (a named tuple: sentences make many)."""

    start: int          # token indices [start, end)
    end: int
    payload: Any
    clitic: str         # proclitics stripped from the first token ('' if none)
    pattern: str


class PhraseMatcher:
    """Finds patterns in a token list. Build with ``add``, then call ``find``."""

    def __init__(self, morphology: dict):
        self._layers = [tuple(layer) for layer in morphology.get("proclitics", [])]
        self._article = morphology.get("article", "")
        # Proclitics that absorb the article's first letter (لل = ل + ال): the article is put back.
        self._contractions = tuple(morphology.get("article_contractions") or ())
        self._inflection = morphology.get("inflection") or None
        self._whole = frozenset(morphology.get("whole_words") or ())   # never split: 'وزارة' is no و + زارها
        # Verb prefixes stripped only before the letters listed (سيزور = س + يزور), reported as clitics.
        self._verb_prefixes = {p: tuple(after) for p, after in (morphology.get("verb_prefixes") or {}).items()}
        # what proclitics can be: their letters, and the most letters _forms strips (one per layer, one verb prefix)
        self._clitic_letters = "".join({ch for layer in self._layers for c in layer for ch in c}
                                       | {ch for p in self._verb_prefixes for ch in p})
        self._clitic_max = (sum(max(map(len, layer), default=0) for layer in self._layers)
                            + max(map(len, self._verb_prefixes), default=0))
        self._exact: dict[str, list] = {}
        self._prefix: dict[str, list] = {}
        self._prefix_lengths: set[int] = set()
        self._memo: dict[str, list] = {}   # word -> candidate entries (words repeat: match each once)
        self._entries: list[tuple] = []    # (tokens, payload, pattern) in insertion order, for the automaton
        self._compiled = None              # graph.lexscan.Compiled, made by compile()
        self._forms_memo: dict[str, dict] = {}
        self.size = 0

    def add(self, pattern: str, payload: Any, *, inflect: str = "") -> None:
        """Add a pattern; ``inflect`` lets its words match their generated forms: 'suffixes' (triggers:
        'زيارتها', 'التقاه') or 'all' (titles: 'الوزير' too; an event noun with the article often names
        another, earlier event, so triggers list their definite forms themselves)."""
        spec = None
        if inflect and self._inflection:
            spec = dict(self._inflection, article=self._inflection["article"] if inflect == "all" else "")
        toks = compile_pattern(pattern, spec)
        first, rest = toks[0], toks[1:]
        entry = (rest, payload, pattern, len(toks))
        for key in first.keys():
            if first.prefix:
                self._prefix.setdefault(key, []).append((first, entry))
                self._prefix_lengths.add(len(key))
            else:
                self._exact.setdefault(key, []).append((first, entry))
        self._entries.append((toks, payload, pattern))
        self._memo.clear()
        self._compiled = None
        self.size += 1

    def compile(self) -> None:
        """Build the one-scan automaton of every pattern (graph.lexscan); ``find`` uses it from then on."""
        from .lexscan import compile_scan
        self._compiled = compile_scan(self)

    def __getstate__(self) -> dict:
        """Pickled without the per-word memos (caches of what text was seen, rebuilt as words come)."""
        return dict(self.__dict__, _memo={}, _forms_memo={})

    def _form_index(self, word: str) -> dict[tuple[str, str], int]:
        """(form, clitic) -> its place in ``_forms(word)``, memoized (the order candidates are tried in)."""
        index = self._forms_memo.get(word)
        if index is None:
            if len(self._forms_memo) > self._MEMO_LIMIT:
                self._forms_memo.clear()
            index = {}
            for i, pair in enumerate(self._forms(word)):
                index.setdefault(pair, i)
            self._forms_memo[word] = index
        return index

    def _forms(self, word: str) -> list[tuple[str, str]]:
        """The word and its proclitic-stripped forms: [(form, clitic)]."""
        forms = [(word, "")]
        if word in self._whole:
            return forms
        frontier = [(word, "")]
        for layer in self._layers:
            nxt = []
            for form, clitic in frontier:
                if form in self._whole:
                    continue   # ('وبحث' is و + بحث, never و + ب + حث)
                for c in layer:
                    if form.startswith(c) and len(form) > len(c) + 1:
                        stripped = form[len(c):]
                        if c in self._contractions and self._article and stripped.startswith(self._article[1:]):
                            nxt.append((self._article + stripped[len(self._article) - 1:], clitic + c))
                            # a noun that starts with the article's last letter writes it once ('للجنة')
                            nxt.append((self._article + stripped, clitic + c))
                        nxt.append((stripped, clitic + c))
            forms.extend(nxt)
            frontier = frontier + nxt
            if layer is self._layers[0] and self._verb_prefixes:
                for form, clitic in list(frontier):
                    for p, after in self._verb_prefixes.items():
                        if form.startswith(p) and len(form) > len(p) + 2 and form[len(p)] in after:
                            forms.append((form[len(p):], clitic + p))
        return forms

    def _candidates(self, word: str):
        for form, clitic in self._forms(word):
            for key in dict.fromkeys((form, form.lower())):   # as written first ('US'), then any case: fixed order
                for first, entry in self._exact.get(key, ()):
                    if first.matches(form):
                        yield entry, clitic
            if self._prefix:
                low = form.lower()
                for n in self._prefix_lengths:
                    if len(low) >= n:
                        for key in dict.fromkeys((form[:n], low[:n])):
                            for first, entry in self._prefix.get(key, ()):
                                if first.matches(form):
                                    yield entry, clitic

    def _match_rest(self, tokens: list[Token], i: int, rest: tuple) -> int | None:
        """End index if ``rest`` matches from token i, else None."""
        j = i
        k = 0
        while k < len(rest):
            pat = rest[k]
            if pat is GAP:
                nxt = rest[k + 1]
                words = 0
                while j < len(tokens) and words <= GAP_MAX:
                    if nxt.matches(tokens[j].text):
                        break
                    words += tokens[j].is_word
                    j += 1
                else:
                    return None
                j += 1
                k += 2
                continue
            if j >= len(tokens) or not pat.matches(tokens[j].text):
                return None
            j += 1
            k += 1
        return j

    _MEMO_LIMIT = 200_000

    def find_at(self, tokens: list[Token], i: int) -> list[Match]:
        """Every pattern matching from token i, longest first."""
        word = tokens[i].text
        cands = self._memo.get(word)
        if cands is None:
            cands = list(self._candidates(word))
            if len(self._memo) > self._MEMO_LIMIT:
                self._memo.clear()
            self._memo[word] = cands
        if not cands:
            return []
        out = []
        seen = set()
        nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else None
        for (rest, payload, pattern, _n), clitic in cands:
            if rest and rest[0] is not GAP and rest[0].quick is not None and nxt not in rest[0].quick:
                continue   # most candidates fail on the next word: no walk for them
            end = self._match_rest(tokens, i + 1, rest)
            if end is None:
                continue
            key = (end, id(payload), pattern)
            if key in seen:
                continue
            seen.add(key)
            out.append(Match(i, end, payload, clitic, pattern))
        out.sort(key=lambda m: (-(m.end - m.start), len(m.clitic)))
        return out

    def find(self, tokens: list[Token], *, overlapping: bool = False) -> list[Match]:
        """Longest matches left to right (non-overlapping unless asked); every match, one automaton scan,
        once ``compile`` was called."""
        if overlapping and self._compiled is not None:
            return self._compiled.scan(self, tokens)
        return self._find_walk(tokens, overlapping=overlapping)

    def _find_walk(self, tokens: list[Token], *, overlapping: bool = False) -> list[Match]:
        """``find`` word by word: each word's candidate patterns walked in Python."""
        out: list[Match] = []
        i = 0
        n = len(tokens)
        memo = self._memo
        while i < n:
            cands = memo.get(tokens[i].text)
            if cands is not None and not cands:   # most words start no pattern: skip them cheaply
                i += 1
                continue
            found = self.find_at(tokens, i)
            if not found:
                i += 1
                continue
            if overlapping:
                out.extend(found)
                i += 1
            else:
                best = found[0]
                out.extend(m for m in found if m.end == best.end and m.clitic == best.clitic)
                i = best.end
        return out

    def add_all(self, patterns: Iterable[str], payload: Any) -> None:
        for p in patterns:
            self.add(p, payload)


class Category:
    """One kind of pattern (entity names, triggers, titles ...) kept in a shared matcher.

    Matching every kind in a single pass over a sentence is what makes extraction
    fast; ``split_categories`` sorts the matches back out.
    """

    def __init__(self, matcher: PhraseMatcher, name: str, *, inflect: str = ""):
        self.matcher, self.name, self.inflect = matcher, name, inflect

    def add(self, pattern: str, payload: Any) -> None:
        self.matcher.add(pattern, (self.name, payload), inflect=self.inflect)

    def add_all(self, patterns: Iterable[str], payload: Any) -> None:
        for p in patterns:
            self.add(p, payload)


def split_categories(matches: list[Match]) -> dict[str, list[Match]]:
    """Overlapping matches of a shared matcher -> {category: matches with their own payloads}."""
    out: dict[str, list[Match]] = {}
    for start, end, (name, payload), clitic, pattern in matches:
        out.setdefault(name, []).append(_new(Match, (start, end, payload, clitic, pattern)))
    return out


def longest_matches(matches: list[Match]) -> list[Match]:
    """Left to right, the longest match at each place, as ``PhraseMatcher.find`` does without overlaps.

    ``matches`` come from ``find(overlapping=True)``: by start, longest first at each start.
    """
    out: list[Match] = []
    end = -1
    best = None
    for m in matches:
        if m.start < end and (best is None or m.start != best.start):
            continue
        if best is not None and m.start == best.start:
            if m.end == best.end and m.clitic == best.clitic:
                out.append(m)
            continue
        best = m
        out.append(m)
        end = m.end
    return out
