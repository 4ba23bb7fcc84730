"""One Aho-Corasick scan finds every pattern of a :class:`~graph.matcher.PhraseMatcher` in a sentence.

The per-word lookups of ``PhraseMatcher.find_at`` walk every candidate pattern
of every word in Python; here the literal head of each pattern (its words up
to the first ``*`` or ``...``, in every generated form) is a key of one
compiled automaton (``pyahocorasick``), and a sentence is scanned once, in C,
as its tokens joined by single spaces (lower-cased; capitalised pattern words
are checked against the original case). What the automaton cannot say is
checked per hit, with the matcher's own rules, so the result is exactly
``find(tokens, overlapping=True)``'s, in the same order:

- a hit that starts inside a word is kept only when the letters before it are
  proclitics the matcher strips from that word (``_forms``: layers, ``لل``,
  ``س``, whole words), so evidence keeps the same first token and clitic;
- the words after the head (after a ``*`` word, a ``...`` gap) are matched by
  ``PhraseMatcher._match_rest`` from the token after the head.

The automaton is built once, when the schema is compiled, and pickles with it.

>>> from graph.matcher import PhraseMatcher, tokenize
>>> m = PhraseMatcher({"proclitics": [["و"], ["ل"]], "article": "ال", "article_contractions": ["ل"]})
>>> m.add("القوات المسلحه", "MAF"); m.add("US", "USA"); m.compile()
>>> [(x.start, x.end, x.payload, x.clitic) for x in scan(m, tokenize("وللقوات المسلحه و US لا us"))]
[(0, 2, 'MAF', 'ول'), (3, 4, 'USA', '')]
"""
from __future__ import annotations

import itertools
from operator import itemgetter

import ahocorasick

from .matcher import GAP, Match

__all__ = ["compile_scan", "scan", "HEAD_FORMS", "Compiled", "SentenceScan", "Scanned"]

#: at most this many spellings of a pattern's head become keys; longer heads stop earlier (the rest is walked)
HEAD_FORMS = 64

_TEXT = itemgetter(2)
_new = tuple.__new__   # a Match without the Python-level __new__ of named tuples
_ORDER = itemgetter(0, 1, 2, 3)   # longest, fewest proclitics, form index, rank


class Compiled:
    """The automaton and the tables its hits index (built by :func:`compile_scan`).

    Keys are stored reversed and the sentence is scanned from its end, so hits come by where they start, last
    first: the hits at one token come together, and the words a pattern needs after its head were seen before
    its head is. ``heads[key]`` is None or (simple, wanted, always, contracted) for the patterns the key starts:
    simple ones (the key is the whole pattern) as (order, tokens, payload, pattern text), in the order find
    gives them; the others as (index into ``entries``, rank), ``entries`` holding (tokens the head covers, _,
    payload, pattern text, capitalised words, the rest). A pattern whose rest has words (after a gap or a '*'
    word) is ``wanted``: walked only when one spelling of those words was seen (``arms[key]``: the patterns a
    key's hit makes worth walking); else ``always``. A rank is (first word is a '*' word, the order of its key
    length among the prefix lookups, any case, pattern index): the order ``PhraseMatcher._candidates`` tries
    them in. Pickles as its tables: the automaton is built again when first used.
    """

    def __init__(self, keys: list[str], heads: list, arms: list, entries: list[tuple], size: int):
        self.keys, self.heads, self.arms, self.entries, self.size = keys, heads, arms, entries, size
        self.lengths = [len(k) for k in keys]
        # per key, what the scan asks of a hit in one look-up: (patterns it arms or None, its head records or
        # None, whether any of them match a word without the article put back, the other matchers' keys it is:
        # None here, see SentenceScan)
        self.hits = [(arm or None, recs, recs is not None and bool(recs[0] or recs[1] or recs[2]), None)
                     for arm, recs in zip(arms, heads)]
        self._automaton = None

    @property
    def automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for i, key in enumerate(self.keys):
                automaton.add_word(key[::-1], i)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def __reduce__(self):
        return Compiled, (self.keys, self.heads, self.arms, self.entries, self.size)

    def scan(self, matcher, tokens: list) -> list:
        return scan(matcher, tokens)


def compile_scan(matcher) -> Compiled:
    """Keys for every pattern of ``matcher`` (``_entries``: (tokens, payload, pattern) in insertion order)."""
    tables: dict[str, tuple[list, list, list, list]] = {}

    def table(key: str) -> tuple[list, list, list, list]:
        found = tables.get(key)   # (not setdefault: its four new lists were made for every one of a million keys)
        if found is None:
            found = tables[key] = ([], [], [], [])
        return found

    entries = []
    n_rank = {n: i for i, n in enumerate(matcher._prefix_lengths)}   # the set's own order, as _candidates uses
    article = matcher._article if matcher._contractions else ""
    for index, (toks, payload, pattern) in enumerate(matcher._entries):
        head = _head(toks)
        first = head[0]
        rest = tuple(toks[len(head):])
        caps = tuple((k, tok.text, tok.prefix) for k, tok in enumerate(head) if tok.exact_case)
        firsts = [(f, f, 0) for f in first.keys()]
        if article and not first.exact_case:
            firsts += [(v, f, 1) for f in first.keys() for v in _contracted(f, article, first.prefix)]
        mine = len(entries)
        entries.append((len(head), None, payload, pattern, caps, rest))
        armed = False
        if rest:
            # the run of the rest spelled the fewest ways arms the pattern; it never opens the sentence (the
            # head is before it), so its keys start after a space
            runs = [[" " + _key(words, run) for words in itertools.product(*[t.keys() for t in run])]
                    for run in _runs(rest)]
            for key in min(runs, key=len, default=()):
                table(key)[3].append(mine)
                armed = True
        # every spelling of the head: each first form, then the other words' forms in order (as _key joins them)
        end = "" if head[-1].prefix else " "
        tails = ([" " + " ".join(words) + end for words in itertools.product(*[_lower_keys(t) for t in head[1:]])]
                 if len(head) > 1 else [end])
        for form, written, contracted in firsts:
            # _candidates looks a '*' word up by the length of its written key, in its own order of lengths
            rank = (int(first.prefix), n_rank.get(len(written), 0) if first.prefix else 0, int(not first.exact_case),
                    index)
            # one record per spelling of the first word: simple (whole pattern), walked or contracted
            if not (contracted or caps or rest):
                slot, record = 0, ((-len(head), rank), len(head), payload, pattern)
            else:
                slot, record = (2 if contracted else 1), (mine, rank, armed)
            lead = form.lower()
            for tail in tails:
                table(lead + tail)[slot].append(record)
    heads, arms = [], []
    for simple, walked, contract, armed_by in tables.values():
        arms.append(tuple(dict.fromkeys(armed_by)))
        if not (simple or walked or contract):
            heads.append(None)
            continue
        heads.append((tuple(sorted(simple)),
                      {e: r for e, r, armed in walked if armed}, tuple((e, r) for e, r, armed in walked if not armed),
                      tuple((e, r) for e, r, _a in contract)))
    return Compiled(list(tables), heads, arms, entries, matcher.size)


def _lower_keys(tok) -> list[str]:
    """A pattern word's spellings, lower-cased as the scanned text is."""
    return [w.lower() for w in tok.keys()]


def _key(words, toks) -> str:
    """Words joined as the scanned text joins tokens; a whole last word ends at a space."""
    return " ".join(w.lower() for w in words) + ("" if toks[-1].prefix else " ")


def _head(toks) -> list:
    """The literal words a key can hold: up to a gap, through the first '*' word, at most HEAD_FORMS spellings."""
    head = [toks[0]]
    forms = len(toks[0].keys())
    if toks[0].prefix:
        return head
    for tok in toks[1:]:
        if tok is GAP or forms * len(tok.keys()) > HEAD_FORMS:
            break
        head.append(tok)
        forms *= len(tok.keys())
        if tok.prefix:
            break
    return head


def _runs(rest: tuple) -> list[list]:
    """The keyable heads of the runs of words in the rest of a pattern (each must occur for it to match)."""
    runs, run = [], []
    for tok in (*rest, GAP):
        if tok is GAP:
            if run:
                runs.append(_head(run))
            run = []
        else:
            run.append(tok)
    return runs


def _contracted(form: str, article: str, prefix: bool) -> tuple[str, ...]:
    """How a form of the first word reads after a contracting proclitic ('القوات' -> 'لقوات' in 'للقوات'; a noun
    that starts with the article's last letter writes it once: 'اللجنة' -> 'لجنة' in 'للجنة')."""
    if form.startswith(article):
        rest = form[len(article):]
        return (article[1:] + rest, rest) if rest.startswith(article[1:]) and len(rest) > 1 else (article[1:] + rest,)
    if prefix and article.startswith(form):
        return (article[1:],)
    return ()


_last = [None, None]   # the tokens scanned last and their scanned text: the matchers of a sentence share it


def _text_of(tokens: list) -> tuple | None:
    """(token texts, their text joined by spaces, lower-cased, reversed), or None when lower-casing changes
    lengths ('İ'). (A token starts right after a space, and its index is the number of spaces before it.)"""
    if _last[0] is tokens:
        return _last[1]
    texts = list(map(_TEXT, tokens))
    text = " ".join(texts) + " "
    lower = text.lower()
    if len(lower) != len(text):
        return None
    canon = (texts, text, lower, lower[::-1])
    _last[0], _last[1] = tokens, canon
    return canon


def scan(matcher, tokens: list) -> list:
    """``matcher.find(tokens, overlapping=True)`` in one automaton pass (same matches, same order)."""
    canon = _text_of(tokens)
    if canon is None:
        return matcher._find_walk(tokens, overlapping=True)
    compiled = matcher._compiled
    return _matches(matcher, tokens, canon, compiled.automaton.iter(canon[3]), compiled.hits, None)


def _matches(matcher, tokens: list, canon: tuple, found, keyed: list, others: list | None) -> list:
    """The matches of ``matcher`` from the automaton's hits ``found`` ((end in the reversed text, key), as
    ``iter`` gives them); ``keyed``: the hit records of those keys; ``others``: where the hits of keys that
    other matchers share go (a :class:`SentenceScan`)."""
    texts, text, lower, _rev = canon
    spaces = lower.count   # (spaces before a token's start: its index)
    article, longest, letters = matcher._article, matcher._clitic_max, matcher._clitic_letters
    last = len(lower) - 1
    groups = []     # (token, its hits), the last token first
    ti_now, hits = -1, []   # hits at one token: (form index, clitic, head records, contracted)
    s_now = -1      # where that token starts
    armed = set()   # patterns one of whose words after the head was seen
    for end, key in found:
        arm, recs, plain, routes = keyed[key]
        if routes is not None:
            others.append((end, routes))
            if recs is None and arm is None:
                continue   # a key of other matchers only
        if arm:
            armed.update(arm)
            if recs is None:
                continue
        s = last - end   # where the key starts
        before = lower[s - 1]   # (the text ends with a space: the first token starts after one too)
        if before == " ":   # the key starts a token
            if plain:
                if s != s_now:
                    if hits:
                        groups.append((ti_now, hits))
                    s_now, ti_now, hits = s, spaces(" ", 0, s), []
                hits.append((0, "", recs, False))
            continue
        if before not in letters:
            continue   # a proclitic ends right before the key, or the key starts inside a word
        start = lower.rfind(" ", 0, s) + 1
        pre = text[start:s]
        if s - start > longest or pre.strip(letters):
            continue   # no proclitics could make these letters
        ti = spaces(" ", 0, start)
        word = texts[ti]
        forms = matcher._form_index(word)
        found = []
        if plain and (idx := forms.get((word[s - start:], pre))) is not None:
            found.append((idx, pre, recs, False))
        if recs[3]:
            for whole in dict.fromkeys((article + word[s - start + len(article) - 1:], article + word[s - start:])):
                if (idx := forms.get((whole, pre))) is not None:
                    found.append((idx, pre, recs, True))
        if found:
            if ti != ti_now:
                if hits:
                    groups.append((ti_now, hits))
                s_now, ti_now, hits = start, ti, []
            hits += found
    if hits:
        groups.append((ti_now, hits))
    out: list = []
    append = out.append
    for ti, hits in reversed(groups):
        if len(hits) == 1 and not hits[0][3]:
            _idx, pre, (simple, wanted, always, _c), _ = hits[0]
            if not always and not (wanted and armed and not armed.isdisjoint(wanted)):
                for _o, head, payload, pattern in simple:   # (a loop: most keys start one pattern)
                    append(_new(Match, (ti, ti + head, payload, pre, pattern)))
                continue
        out += _resolve(matcher, tokens, texts, ti, hits, armed)
    return out


def _resolve(matcher, tokens: list, texts: list, ti: int, hits: list, armed: set) -> list:
    """The matches at one token from several keys, or needing a check: capitals, the rest walked; longest
    first, then fewest proclitics, then as ``_candidates`` tries them (one match per (end, payload, pattern):
    the one tried first)."""
    # (loops, not comprehensions over these locals: those would make them cells, made at every call)
    entries = matcher._compiled.entries
    rows = []   # (order..., end, clitic, payload, pattern)
    for idx, pre, (simple, wanted, always, contract), contracted in hits:
        if contracted:
            simple, walked = (), contract
        elif wanted and armed:
            walked = list(always)
            for e in armed.intersection(wanted):
                walked.append((e, wanted[e]))
        else:
            walked = always
        n = len(pre)
        for order, head, payload, pattern in simple:
            rows.append((-head, n, idx, order[1], ti + head, pre, payload, pattern))
        for e, rank in walked:
            head, _r, payload, pattern, caps, rest = entries[e]
            if caps and not _caps_hold(caps, texts, ti, texts[ti][n:]):
                continue
            stop = ti + head
            if rest:
                stop = matcher._match_rest(tokens, stop, rest)
                if stop is None:
                    continue
            rows.append((ti - stop, n, idx, rank, stop, pre, payload, pattern))
    if len(rows) < 2:   # (most tokens: one match, nothing to sort out)
        return _matched(ti, rows)
    if len({(r[4], id(r[6]), r[7]) for r in rows}) < len(rows):
        best: dict = {}   # one pattern found twice (two spellings, two readings of the proclitics)
        for r in rows:
            held = best.get((r[4], id(r[6]), r[7]))
            if held is None or (r[2], r[3]) < (held[2], held[3]):
                best[(r[4], id(r[6]), r[7])] = r
        rows = list(best.values())
    rows.sort(key=_ORDER)
    return _matched(ti, rows)


def _matched(ti: int, rows: list) -> list:
    return [_new(Match, (ti, stop, payload, pre, pattern)) for _l, _n, _i, _r, stop, pre, payload, pattern in rows]


def _caps_hold(caps: tuple, texts: list, ti: int, first: str) -> bool:
    """Capitalised words of the head as written ('US' is no 'us'); ``first``: the first word, proclitics off."""
    for k, word, prefix in caps:
        token = texts[ti + k] if k else first
        if not (token.startswith(word) if prefix else token == word):
            return False
    return True


class SentenceScan:
    """One automaton for every sentence-wide matcher (the schema's lexicon, speech words, modality cues): a
    sentence is scanned once, and each matcher's matches are exactly its own ``find(tokens, overlapping=True)``.

    The first matcher's keys keep their numbers, and its hit records are the automaton's; a key of the others is
    routed to (their number, its number there). Their hits wait in the :class:`Scanned` until asked for (a
    sentence asks for its modality cues only when a trigger wants them). The automaton's hits of one matcher's
    keys come in the order its own automaton gives them (at one place, the longer key first), so the matches
    are the same. Built when first used (or by :meth:`prepare`); pickles as it stands, so a prepared scan comes back
    with its automaton (restored in a sixth of the time building it takes: the schema cache holds it prepared).

    >>> from graph.matcher import PhraseMatcher, tokenize
    >>> a, b = PhraseMatcher({"proclitics": [["و"]]}), PhraseMatcher({"proclitics": [["و"]]})
    >>> a.add("mali", "MLI"); b.add("mali", "NAME"); b.add("said", "SPEECH"); a.compile(); b.compile()
    >>> found = SentenceScan({"lexicon": a, "speech": b}).scan(tokenize("Mali said"))
    >>> [m.payload for m in found.of("lexicon")], [m.payload for m in found.of("speech")]
    (['MLI'], ['NAME', 'SPEECH'])
    """

    def __init__(self, matchers: dict):
        self.matchers = dict(matchers)
        self._names = {name: i for i, name in enumerate(self.matchers)}
        self._list = tuple(self.matchers.values())
        self._hits: list | None = None
        self._automaton = None

    def prepare(self) -> "SentenceScan":
        """Build the tables and the automaton now (not in the first sentence's time)."""
        if self._automaton is None:
            first = self._list[0]._compiled
            keys = list(first.keys)
            number = {k: i for i, k in enumerate(keys)}
            routes: dict[int, list] = {}
            for m, matcher in enumerate(self._list[1:], 1):
                for local, key in enumerate(matcher._compiled.keys):
                    i = number.setdefault(key, len(keys))
                    if i == len(keys):
                        keys.append(key)
                    routes.setdefault(i, []).append((m, local))
            hits = first.hits + [(None, None, False, None)] * (len(keys) - len(first.keys))
            for i, r in routes.items():
                hits[i] = (*hits[i][:3], tuple(r))
            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for i, key in enumerate(keys):
                automaton.add_word(key[::-1], i)
            automaton.make_automaton()
            self._hits, self._automaton = hits, automaton
        return self

    @property
    def automaton(self) -> ahocorasick.Automaton:
        return self.prepare()._automaton

    def scan(self, tokens: list) -> "Scanned":
        """The sentence's matches of every matcher (the first's found now, the others' when asked)."""
        automaton = self._automaton if self._automaton is not None else self.automaton
        canon = _text_of(tokens)
        first = self._list[0]
        if canon is None:
            return Scanned(self, tokens, None, (), first._find_walk(tokens, overlapping=True))
        stash: list = []
        return Scanned(self, tokens, canon, stash,
                       _matches(first, tokens, canon, automaton.iter(canon[3]), self._hits, stash))


class Scanned:
    """One sentence's scan (:meth:`SentenceScan.scan`): ``of(name)``, the matches of the matcher of that name."""

    __slots__ = ("_scan", "_tokens", "_canon", "_stash", "first")

    def __init__(self, scan: SentenceScan, tokens: list, canon: tuple | None, stash, first: list):
        self._scan, self._tokens, self._canon, self._stash, self.first = scan, tokens, canon, stash, first

    def lows(self) -> list[str]:
        """The sentence's words lower-cased (from the scanned text, when it was scanned so)."""
        if self._canon is not None:
            return self._canon[2][:-1].split(" ")
        return " ".join(map(_TEXT, self._tokens)).lower().split(" ")

    def of(self, name: str) -> list:
        m = self._scan._names[name]
        if m == 0:
            return self.first
        matcher = self._scan._list[m]
        if self._canon is None:
            return matcher._find_walk(self._tokens, overlapping=True)
        found = [(end, local) for end, routes in self._stash for i, local in routes if i == m]
        return _matches(matcher, self._tokens, self._canon, found, matcher._compiled.hits, None) if found else []
