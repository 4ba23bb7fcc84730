"""Stage 0: lines that are the page, not the article (related links, footers, share buttons, menus).

:data:`ACTIONS` is the registry of what a boilerplate line may do;
``discourse.yaml`` lists the words that start such lines under these names.
Runs of short lines that end no sentence (menus, tickers, teasers: its
``link_runs``) are the page too, whatever their words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..documents import Sentence
from ..matcher import Token

__all__ = ["Action", "ACTIONS", "boilerplate_of", "page_furniture"]


@dataclass(frozen=True)
class Action:
    """What a boilerplate line does besides being skipped itself."""

    ends_article: bool = False          # nothing after it is the article
    skips_next_paragraph: bool = False  # a related headline: the paragraph after it goes too
    short_lines_only: bool = False      # only a short line that ends no sentence ('Share' vs 'Share the ...')


#: boilerplate action (discourse.yaml) -> what it does
ACTIONS = {
    "stop": Action(ends_article=True),
    "skip_next": Action(skips_next_paragraph=True, short_lines_only=True),
    "skip_line": Action(short_lines_only=True),
}


def boilerplate_of(tokens: list[Token], matchers, sentence: Sentence | None = None,
                   link_runs: Mapping | None = None, text: str | None = None) -> str | None:
    """The action whose words start the sentence (``matchers``: action -> PhraseMatcher), or None.

    With ``link_runs``, a marker that skips lines ('شارك', 'Share') skips only a short line that ends no
    sentence: 'شارك الرئيس في القمة.' is the article. With ``text`` (the document's), a marker that ends the
    article ends it only at the start of a line: a sentence a cut quote opens mid-line ('... (...) المصدر
    الأول للتهريب') is the article going on; on the page's first line it ends nothing (no article is over before it
    began: the issuer's credit atop a press release), only that line goes.
    """
    for action, matcher in matchers.items():
        found = matcher.find_at(tokens, 0)
        if found and tokens[0].is_word:
            if ACTIONS[action].ends_article and text is not None and sentence is not None:
                if not _line_starts_at(text, sentence.start):
                    continue
                if not _NON_SPACE_RE.search(text, 0, sentence.start):
                    return TEASER   # the page's first line ('Source: <issuer> |' atop a press release) ends nothing
                if link_runs and _teaser(tokens, found[0].end, sentence, text, link_runs):
                    return TEASER
            if ACTIONS[action].short_lines_only and link_runs and sentence is not None and (
                    len(sentence.text.split()) > link_runs["max_words"]
                    or sentence.text.strip().endswith(link_runs["ends"])):
                continue
            return action
    return None


#: what a marker that ends the article does when its line is one teaser inside the body ('Read also: <headline>')
TEASER = "skip_line"


def _teaser(tokens: list[Token], end: int, sentence: Sentence, text: str, link_runs: Mapping) -> bool:
    r"""Is the marker's line one teaser of another story or one credit amid the article ('Read also: <headline>',
    'Source: agencies' on one line, a body paragraph after it, at the top or in the middle of the page)? Only the
    line is the page then; a marker alone on its line, or a list of teasers or furniture after it, still ends the
    article.

    >>> from graph.matcher import tokenize
    >>> from graph.documents import split_sentences
    >>> runs = {"max_words": 14, "ends": (".",), "stops": (".",)}
    >>> text = "Read also: Rain floods the capital\nThe army said on Monday that its troops had repelled a large attack on the base near the northern border.\n"
    >>> s = split_sentences(text)[0]
    >>> _teaser(tokenize(s.norm.text), 2, s, text, runs)
    True
    >>> text = "Read also: Rain floods the capital\nMarket prices rise\n"
    >>> s = split_sentences(text)[0]
    >>> _teaser(tokenize(s.norm.text), 2, s, text, runs)
    False
    >>> text = "Source: agencies\n\nThe bloc called its council to an urgent session.\n"
    >>> s = split_sentences(text)[0]
    >>> _teaser(tokenize(s.norm.text), 1, s, text, runs)
    True
    """
    if end + 1 >= len(tokens) or tokens[end].text != ":" or not tokens[end + 1].is_word \
            or not _LINE_ENDS_RE.match(text, sentence.end) or text[sentence.start:sentence.end].rstrip().endswith(
                tuple(link_runs["ends"])) or len(tokens) - end > link_runs["max_words"] + 1:
        return False
    nl = text.find("\n", sentence.end)
    after = text[nl + 1:].lstrip() if nl >= 0 else ""
    line = after.split("\n", 1)[0].strip()
    return _body_line(line, link_runs)


def _body_line(line: str, link_runs: Mapping) -> bool:
    """Is ``line`` a paragraph of the article: a long line ending a sentence, or any line ending one with a full
    stop (``stops``: '.', '!', '?'; not ':' which opens a list, nor a quote's mark that may close a headline)? A
    short headline of another story ends in none of them."""
    if not line.endswith(tuple(link_runs["ends"])):
        return False
    return len(line.split()) > link_runs["max_words"] or line.endswith(tuple(link_runs.get("stops") or ()))


def page_furniture(text: str, sentences: Sequence[Sentence], link_runs: Mapping | None) -> set[int]:
    """Indices of sentences in runs of short whole lines that end no sentence: menus, tickers, teasers, link
    lists (``link_runs``: at most ``max_words`` words, not ending in ``ends`` unless they open with one of
    ``bullets``, ``min_run`` lines or more). The short lines after a whole line ending in ':' are the list it
    opens ('the delegation includes:', one member a line), kept. A whole line cut off with one of ``cuts``
    ('...') inside a run that began after the article's body is a teaser's excerpt of another story: it joins
    the run (a cut lead under a menu, before any body, stays the article). A line with no letter (a page's
    view or comment counter under a headline) joins a run but does not count toward ``min_run``: a lone
    headline over its counters stays."""
    if not link_runs:
        return set()
    out: set[int] = set()
    run: list[int] = []
    shorts = 0   # the short lines of the run (a cut excerpt joins a run, never makes one)
    body = after_body = False   # whether a sentence of the article came before (before the run began)
    bullets = "".join(link_runs.get("bullets") or ())
    cuts = tuple(link_runs.get("cuts") or ())
    listing = False   # the short lines after a whole line ending in ':' are the list it opens, not the page
    for s in list(sentences) + [None]:
        if s is not None:
            line = text[s.start:s.end].strip()
            i, bulleted = s.start, False   # a bullet before the sentence's first word: a list item
            while i > 0 and (text[i - 1] in " \t" or text[i - 1] in bullets):
                bulleted, i = bulleted or text[i - 1] in bullets, i - 1
            whole = _line_starts_at(text, i) and bool(_LINE_ENDS_RE.match(text, s.end))
            bulleted = bulleted or line[:1] in bullets
            # a bulleted line is a list item: a longer teaser, or one ending a question, is still a link
            short = whole and line and len(line.split()) <= link_runs["max_words"] * (2 if bulleted else 1)
            if listing and short:
                continue
            listing = bool(whole and line.endswith(":"))
            if short and (bulleted or not line.endswith(link_runs["ends"])):
                after_body = after_body if run else body
                run.append(s.index)
                shorts += any(c.isalpha() for c in line)   # a bare count ('0', '197') joins, never makes one
                continue
            if whole and run and after_body and cuts and line.endswith(cuts):
                run.append(s.index)
                continue
            body = True
        if shorts >= link_runs["min_run"]:
            out.update(run)
        run, shorts = [], 0
    return out


_LINE_ENDS_RE = re.compile(r"[ \t]*(?:\n|\Z)")
_NON_SPACE_RE = re.compile(r"\S")


def _line_starts_at(text: str, i: int) -> bool:
    """Is only space or tab between the line's start (or the text's start, after blank lines) and ``i``?
    Looks back over those characters alone, never copies the text before (a copy per sentence is
    quadratic in the article's size)."""
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n" or not _NON_SPACE_RE.search(text, 0, i)


#: tokens from a sentence's start within which a wire agency's credit closes a dateline ("N'DJAMENA, Chad (AP) —")
WIRE_REACH = 8
WIRE = "wire"


def wire_end(speech: Sequence) -> int:
    """Where a wire dateline's agency credit ends ('DAKAR, Senegal (AP) —'; discourse.yaml ``wire_credits``), or 0:
    the places before it say where the story was filed, and its dash opens no aside."""
    return min((m.end for m in speech if m.payload == WIRE and m.start <= WIRE_REACH), default=0)


#: the entity kinds a dateline's place may name (a capital stands for its country)
DATELINE_KINDS = frozenset({"country", "place"})


def place_dateline_end(tokens, mentions, marks, commas=frozenset({","})) -> int:
    """Where a place-and-dash dateline ends ('CITY- X supplied Y ...', 'CITY – X praised ...'), or 0: a sentence
    opening with a place's name, a dash (glued to it or not) and a space after, and no name right after the dash
    (not a headline's 'X - Y'). The place says where the story was filed; so do a city and its country with a
    comma between them (``commas``: the language's list separators), a date and a second dash after ('CITY,
    COUNTRY – DATE- On the margins of ...').

    >>> from types import SimpleNamespace as N
    >>> toks = [N(text=t, start=i * 10, end=i * 10 + len(t)) for i, t in enumerate(
    ...     ["Lome", ",", "Togo", "–", "3", "May", "2023", "-", "At"])]
    >>> names = [N(start=0, end=1, how="name", kind="place"), N(start=2, end=3, how="name", kind="country")]
    >>> place_dateline_end(toks, names, {"-", "–"})
    8
    """
    first = next((m for m in mentions if m.start == 0 and m.how == "name" and m.kind in DATELINE_KINDS), None)
    if first is None:
        return _bracketed_dateline_end(tokens, mentions, marks) or _dated_dateline_end(tokens, mentions, marks)
    if first.end + 1 < len(tokens) and tokens[first.end].text in commas:
        return _country_dated_end(tokens, mentions, marks, first.end + 1)
    if first.end + 1 >= len(tokens):
        return 0
    dash, after = tokens[first.end], tokens[first.end + 1]
    if dash.text not in marks or after.start == dash.end:
        return 0
    return 0 if any(m.start == first.end + 1 for m in mentions) else first.end + 1


def _country_dated_end(tokens, mentions, marks, at: int) -> int:
    """Where 'CITY, COUNTRY – DATE- ...' ends, the country's name at ``at``, or 0: a dash after the country, then a
    date in figures closed by a second dash within a few tokens, no name between."""
    country = next((m for m in mentions if m.start == at and m.how == "name" and m.kind in DATELINE_KINDS), None)
    if country is None or country.end + 1 >= len(tokens) or tokens[country.end].text not in marks:
        return 0
    stop = min(len(tokens) - 1, country.end + DATED_REACH)
    close = next((i for i in range(country.end + 1, stop) if tokens[i].text in marks), None)
    if close is None or any(country.end < m.start < close for m in mentions):
        return 0
    return close + 1 if any(t.text.isdigit() for t in tokens[country.end + 1:close]) else 0


#: words (an outlet's name) that may stand before a bracketed dateline's place ('OUTLET (CITY) - ...')
OUTLET_REACH = 3


def _bracketed_dateline_end(tokens, mentions, marks) -> int:
    """Where a bracketed dateline ends ('OUTLET (CITY) - X accused Y ...'), or 0: a place in brackets within the
    first words, a dash right after the closing bracket. The place says where the story was filed."""
    for m in mentions:
        if m.start > OUTLET_REACH + 1 or m.start == 0 or m.end + 1 >= len(tokens) \
                or m.how != "name" or m.kind not in DATELINE_KINDS:
            continue
        if tokens[m.start - 1].text == "(" and tokens[m.end].text == ")" and tokens[m.end + 1].text in marks \
                and all(t.is_word for t in tokens[:m.start - 1]):
            return m.end + 2
    return 0


#: tokens after a dateline's place within which its date and dash stand ('CITY, COUNTRY, Tuesday, 24 June 2025 –')
DATED_REACH = 10


def _dated_dateline_end(tokens, mentions, marks) -> int:
    """Where a dated dateline ends ('CITY, COUNTRY, DAY MONTH YEAR – X paid a visit ...'), or 0: a country or place
    after a city the gazetteer lacks and a comma, then a day or year in figures and a dash, no other name between.
    The figures tell it from a headline's 'X - Y', so a name may follow the dash. (A known city opening the
    sentence keeps its old reading: a later pronoun may still refer to it.)"""
    place = next((m for m in mentions if m.start == 2 and m.how == "name" and m.kind in DATELINE_KINDS), None)
    if place is None or not tokens[0].is_word or tokens[1].is_word:
        return 0
    stop = min(len(tokens) - 1, place.end + DATED_REACH)
    dash = next((i for i in range(place.end, stop) if tokens[i].text in marks), None)
    if dash is None or tokens[dash + 1].start == tokens[dash].end \
            or any(place.end <= m.start < dash for m in mentions):
        return 0
    return dash + 1 if any(t.text.isdigit() for t in tokens[place.end:dash]) else 0
