"""Stage 4, the article's own dates: its anchor, and the date of the news its title and lead tell.

An article without a publication date is anchored to the latest full date
its sentences state: each sentence is scanned once, before the first is
read, and its expressions kept (no second scan of the whole text). An event
the title or the lead tells undated takes, once every sentence is read, the
date of the first later report of its kind, else the date the lead gives
(a page's dateline and an archive photo's caption give none, nor a date told
as background or beside another kind of event's word only). The date of
each event in its sentence is :mod:`graph.extraction.dating`'s.
"""
from __future__ import annotations

import datetime
from dataclasses import replace
from typing import NamedTuple

from ..dates import PartialDate, full_days, page_day
from ..date_values import StatedDay, later_than
from ..documents import Document, Sentence
from .date_cues import earlier_own, nested_before, turned
from .dating import DATE_WINDOW, event_parties
from .sentence import BACKGROUND, spans_of
from .standing import RULE_ID as STANDING_RULE
from .visits import VISITED

__all__ = ["document_anchor", "title_spans", "date_titles", "stated_dates", "off_topic_titles", "LEAD_SENTENCES",
           "LEAD_DAYS"]

LEAD_SENTENCES = 4        # the body sentences whose first date a title's event takes
LEAD_DAYS = 7             # ... a day at most this long before the article's date (an older one is background)
PAUSES = ("..", "…")     # marks a title pauses at after a kicker ('بعد عقد كامل... X تنهي ...')
KICKER_WORDS = 8         # ... a kicker is short
TITLE_WORDS = 30         # a longer line is body cut before its end ('قررت تشاد صباح اليوم ... في مطلع مارس')


#: a page with no date is no older than this many years before the clock: an older full day it states is history
#: it recalls (an independence day, a revolution), which lends its year to no 'today' or weekday of the news
HISTORY_YEARS = 25


def document_anchor(grammar, doc: Document, sentences: list[Sentence], furniture=frozenset(),
                    today: datetime.date | None = None):
    """(anchor, each sentence's date expressions or None): the publication date, else the latest day the sentences
    state (:func:`~graph.dates.page_day`), found once (each sentence's expressions are kept for its dates). A
    publication date known to the month only keeps the full dates the sentences state inside that month: a bare
    weekday of the page ('flew this Thursday') is the one of them it names ('on Thursday 7 March 2024'). Only the
    article's own lines count, not the ``furniture`` (indices of the page's menus and sidebars: 'Christians usher in
    2026', a headline of the day the page was read, is no year of its news), and no day after ``today`` (the clock)."""
    month = isinstance(doc.published, PartialDate) and doc.published.precision == "month"
    if doc.published and not month or not grammar:
        return doc.published, None
    found = [grammar.find(s.norm.text) for s in sentences]
    own = [mentions for s, mentions in zip(sentences, found) if s.index not in furniture]
    if month:
        p = doc.published
        days = {d for mentions in own for d in full_days(mentions) if (d.year, d.month) == (p.year, p.month)}
        return replace(p, days=tuple(sorted(days))), found
    today = today or datetime.date.today()
    day = page_day(own, today)
    if day is not None and day.year < today.year - HISTORY_YEARS:
        day = None   # 'independence regained on 5 July 1962': the page's history, not its day (rulesCP1, b499_05)
    return (StatedDay.of(day) if day else None), found


def title_spans(sentences: list[Sentence], ends: str, text: str | None = None,
                commas: frozenset[str] = frozenset()) -> frozenset[tuple[int, int]]:
    """The sentences of the title lines, before the first line that ends with a sentence-final mark (the
    body). A line is a paragraph, or with the page's ``text`` one line of it (pages keep their lines with no
    blank line between). A title cut at '..' after a short kicker ('15 عملية خلال سبتمبر.. X يستهدف Y') is
    still one title line; any other mark inside a line, or more than :data:`TITLE_WORDS` words, makes it body;
    so does a line that ends with one of the ``commas`` (the grammar's list separators): a sentence of the body
    whose paragraph broke before its end ('X met on Monday with Y,' then the next paragraph), never a title."""
    out = set()
    lines: list[list[Sentence]] = []
    for s in sentences:
        same = lines and (lines[-1][-1].paragraph == s.paragraph if text is None
                          else "\n" not in text[lines[-1][-1].end:s.start])
        if same:
            lines[-1].append(s)
        else:
            lines.append([s])
    for line in lines:
        last = line[-1].text.rstrip().rstrip("\"'»”’)").rstrip()
        if last and (last[-1] in ends or last[-1] in commas) or sum(len(s.text.split()) for s in line) > TITLE_WORDS or not all(
                s.text.rstrip().endswith(PAUSES) and len(s.text.split()) <= KICKER_WORDS for s in line[:-1]):
            break
        out.update((s.start, s.end) for s in line)
    return frozenset(out)


def off_topic_titles(relations: list, named: dict, titles: frozenset, country_of=None) -> list:
    """Drop what a title line tells of parties the body never names: a ticker line of another story above the
    article ('King X congratulates Y' over a report on two other states; rulesSa, b98_05). ``named`` maps each
    read sentence's span to the entities it names; an article that is all title keeps everything. ``titles``:
    :func:`title_spans` (the caller finds them once per document, for this stage and the next). ``country_of``
    (an entity's state): a party whose state the body names is on topic too ('X receives Y' over a body telling
    only of 'this visit' to X's state; rulesCM1, b485_01)."""
    body = [ents for span, ents in named.items() if span not in titles]
    if not titles or not body:
        return relations
    seen = frozenset().union(*body)

    def parties(rel) -> set:
        ends_ = {rel.source, rel.target}
        return ends_ | {country_of(e) for e in ends_} if country_of is not None else ends_

    def off(rel) -> bool:
        return all(e.sentence_span in titles for e in rel.evidence) and not (parties(rel) & seen)
    return [rel for rel in relations if not off(rel)]


def date_titles(relations: list, sentences: list[Sentence], schema, anchor, text: str, own: dict,
                aside: frozenset, titles: frozenset) -> list:
    """An event the title tells undated ('X تهاجم مطار باماكو') is the news the article goes on to tell: it takes
    the date of the first dated report, later in the text, of the same kind of event (type and modality) that
    shares a party (or a party's state) with it and is recent (not 'X had previously met Z in March 2025' on a page
    of June); else the date the lead gives (the first date of the first body
    sentences). A lead that states no date ('X has recalled its ambassador ...') takes the date the sentences
    after it give (a later report of its kind may be an older one: 'US nears a deal with Mali' is not the
    talks of 2014 told further on). ``own``: each read sentence's own dates (by span), as the date stage found
    them: a page's dateline or an archive photo's caption dates no lead ('date 2025-04-07 X has recalled ...').
    ``aside``: (sentence span, trigger span) of the events told as background in their sentence ('has announced the
    lifting of sanctions imposed on X': the imposing is older than the lead's news). ``titles``: as for
    :func:`off_topic_titles`."""
    body = [s for s in sentences if (s.start, s.end) not in titles]
    stated = bool(body and schema.dates and schema.dates.find(body[0].norm.text))
    leads = frozenset({(body[0].start, body[0].end)}) if body and schema.dates \
        and not own.get((body[0].start, body[0].end)) else frozenset()   # the news the body opens with, undated
    titles |= leads
    if not titles:
        return relations
    # a lead that states only the page's date (a dateline) tells the news of that date: a later date is
    # its own only when near ('date 2025-04-07 X has recalled ...'; 'on Monday'), not the cause's
    own = _captions_out(own, text)
    lead = {}   # by relation type and parties: the first date the lead gives may be another event's
    out = []
    for rel in relations:
        if rel.date is None and rel.evidence and rel.evidence[0].sentence_span in titles \
                and schema.relation_types[rel.type].cameo is not None and not _standing(rel) \
                and rel.type not in schema.dates.lasting \
                and (rel.evidence[0].sentence_span, rel.evidence[0].spans.get("trigger")) not in aside:
            parties = event_parties(schema, (rel.source, rel.target))
            told = None if rel.evidence[0].sentence_span in leads else next(
                (other for other in relations if other.date and other.type == rel.type
                 and other.modality == rel.modality and other.evidence
                 and other.evidence[0].sentence_span not in titles
                 and not parties.isdisjoint(event_parties(schema, (other.source, other.target)))
                 and _recent(other.date, anchor)), None)
            kinds = _word_kinds(rel, relations)
            if not kinds.isdisjoint(schema.dates.made_at):
                kinds |= schema.dates.gatherings   # (an accord: its gathering's day)
            if told is None and (kinds, parties) not in lead:
                lead[kinds, parties] = _lead_date(titles, own, anchor, bool(leads) and stated, kinds, parties)
            date = told.date if told is not None else lead[kinds, parties]
            if date:
                rel = replace(rel, date=date)
        out.append(rel)
    return out


def _word_kinds(rel, relations) -> frozenset:
    """The event types read off ``rel``'s own trigger word in its sentence: one word tells one event, so a lead
    that dates that word's event under one of its readings dates the others ('X suspends Y' read as a sanction
    and as a criticism; the lead 'X decided on Friday to suspend Y' dates both)."""
    ev = rel.evidence[0]
    word = ev.spans.get("trigger")
    if word is None:
        return frozenset({rel.type})
    return frozenset({rel.type} | {o.type for o in relations if o.evidence and o.evidence[0].sentence_span
                                   == ev.sentence_span and o.evidence[0].spans.get("trigger") == word})


def _standing(rel) -> bool:
    """A standing tie the standing stage told from names near each other (Wagner beside Mali): no event."""
    return rel.evidence[0].rule.partition(".")[0] == STANDING_RULE.partition(".")[0]


def _recent(value: str, anchor) -> bool:
    """Is the day or month ``value`` at most :data:`LEAD_DAYS` before the anchor (or the anchor unknown)? The news
    a lead tells is the article's; a lead's later sentences that date 'the measure taken two weeks ago' tell its
    cause.

    >>> _recent("2025-06-04", datetime.date(2025, 6, 8)), _recent("2025-05", datetime.date(2025, 6, 8))
    (True, False)
    """
    if not isinstance(anchor, datetime.date):
        return True   # (no anchor, or one known to the month only)
    if len(value) == 7:
        return value == anchor.isoformat()[:7] or datetime.date.fromisoformat(value + "-01") > anchor
    return (anchor - datetime.date.fromisoformat(value)).days <= LEAD_DAYS


def _captions_out(own: dict, text: str) -> dict:
    """``own`` without the archive photos' captions (None) and the rest of their lines ('(Photo: X/AP, File)')."""
    out, caption_end = {}, None
    for span, values in sorted(own.items()):
        if values is None:
            caption_end = span[1]
        elif caption_end is None or "\n" in text[caption_end:span[0]]:
            out[span], caption_end = values, None
    return out


def _lead_date(titles, own: dict, anchor, recent: bool, kinds: frozenset, parties: frozenset, body=LEAD_SENTENCES):
    """The first date, finer than a year and not after the anchor (a deadline: 'must leave by next Friday'), of
    the first ``body`` sentences read after the titles (``own``: each read sentence's :class:`Stated` dates, by
    span: a skipped line, a dateline, a photo caption give none), for an event of a type in ``kinds``: none when that
    date is told beside the word of another kind of event only ('X leaves Y' over 'the withdrawal follows a
    commission set up on 12 February': the date is the commission's; but not in a sentence that opens at the lead's
    occasion: 'جاء ذلك في بيان ... في ختام زيارة ... 7 مارس') or as background (older news);
    none when it dates an event of that kind with none of the ``parties`` (another visit: 'X visited A ...' over 'Y
    visited B on the 3rd of this month')."""
    for span in [span for span in sorted(own) if span not in titles][:body]:
        told = next((t for t in own[span] if t.value and len(t.value) > 4 and not later_than(t.value, anchor)), None)
        if told is not None:
            if told.background or told.beside and kinds.isdisjoint(told.beside) and not told.occasion \
                    or not kinds.isdisjoint(told.across):
                return None   # (nor a date the sentence turns away from to tell the title's kind: '..., إلى ذلك، اتهم')
            others = frozenset(e for t, e in told.dated if t in kinds)
            if others and others.isdisjoint(parties):
                return None
            return told.value if not recent or _recent(told.value, anchor) else None
    return None


class Stated(NamedTuple):
    """A date a read sentence gives: its value, the event types told beside it, whether it is told as background
    ('وكانت بنين قد أعلنت في مارس ...', 'comes after talks held on 4 March'), after a background cue that is not
    part of an event's words (the sanctions lifted: 'رفعت ... العقوبات يوم السبت' is the news)."""

    value: str | None
    beside: frozenset
    background: bool
    dated: frozenset = frozenset()   # (type, party) of the relations it dated, a party's state included
    across: frozenset = frozenset()  # the event types told past a turn to other news from it ('..., إلى ذلك، اتهم')
    occasion: bool = False           # told in a sentence opening at the occasion of the news before ('جاء ذلك في ...')


def stated_dates(view, dates, triggers, relations, schema) -> tuple[Stated, ...]:
    """A read sentence's dates, each with the event types told beside it (a lead's date is its own only beside a
    word of its kind, or beside none): the types of the event words within :data:`DATE_WINDOW` words of it in
    its clause (whether or not they found their parties; a word whose rule tells a visit, a reception, is a visit
    word too), and of the relations the sentence dated by it. A date that opens with a nested word ('since March
    2020', 'منذ مارس 2020': when a standing state began), follows one closely ('since the September 2022 coup') or
    names the thing after it ('the March 2024 vote') is told as background: it dates no title."""
    out = []
    causes = spans_of(view, schema.dates.causes) if dates and schema.dates.causes else ()
    occasion = bool(dates and schema.dates.came_at) and any(
        not view.words_between(0, s) for s, _ in spans_of(view, schema.dates.came_at))
    for f in dates:
        near, across = set(), set()
        for t in triggers:
            if t.payload.type in schema.dates.lasting:
                continue   # 'عقدت X يوم 10 دجنبر الدورة الخامسة للجنة التعاون المشتركة': a tie's word tells no event
            lo, hi = (t.end, f.token) if t.end <= f.token else (f.end, t.start) if f.end <= t.start else (0, 0)
            if turned(view, schema.dates, min(f.token, t.start), max(f.end, t.end)):
                across.add(t.payload.type)
                continue   # '..., إلى ذلك، اتهم X Y': the date is the other news'
            if f.end <= t.start and (
                    any(sm.payload == BACKGROUND and f.end <= sm.start < t.start for sm in view.speech)
                    or any(f.end <= s and e <= t.start for s, e in causes)):
                continue   # 'أصدرت X، الجمعة، تعليمات ...، عقب هجوم ...', 'gave the news on Sunday, after
                # a summit': the cause told after the date is not dated by it
            if lo == hi or view.words_between(lo, hi) <= DATE_WINDOW and not view.boundary_between(lo, hi) \
                    and not (f.end <= t.start and view.opens_clause(lo, hi)):
                near.add(t.payload.type)
                if t.payload.visit == "host":
                    near.add(VISITED)   # 'استقبل X يوم الاثنين Y': a reception at home is the guest's visit too
        dated = [rel for rel in relations if f.value is not None and rel.date == f.value]
        near.update(rel.type for rel in dated)
        since = bool(f.expression.text) and schema.dates.opens_nested(f.expression.text.split(maxsplit=1)[0]) \
            or f.expression.attributive or nested_before(view, schema.dates, f.token) \
            or earlier_own(view, schema.dates, f) is not None \
            or _biography(view, triggers, f)   # ('في مارس، كانت X قد ...': an earlier event's; 'X، الذي تولى ...')
        out.append(Stated(f.value, frozenset(near), since or any(   # ('منذ مارس 2020': when a standing state began;
            # 'since the September 2022 coup': the coup's, a thing it names)
            sm.payload == BACKGROUND and sm.end <= f.token and view.words_between(sm.end, f.token) <= DATE_WINDOW
            and not view.boundary_between(sm.end, f.token)
            and not any(t.start < sm.end and sm.start < t.end for t in triggers) for sm in view.speech), frozenset(
            (rel.type, e) for rel in dated for e in event_parties(schema, (rel.source, rel.target))),
            frozenset(across), occasion))
    return tuple(out)


def _biography(view, triggers, f) -> bool:
    """'X، الذي تولى السلطة في يناير 2025، ...', 'X, who took office in May 2021': a date in a relative clause right
    after a name, no event word between its opener and the date, tells the past of the one named: no title's date."""
    openers, commas, tokens = view.grammar.clause_openers, view.commas, view.tokens
    for i in range(f.token - 1, max(-1, f.token - DATE_WINDOW - 2), -1):
        if tokens[i].text in commas:
            return False
        if view.lows[i] in openers:
            j = i - 1 if i > 0 and tokens[i - 1].text in commas else i
            return any(b == j for _, b in view.names) and not any(i < t.start < f.token for t in triggers)
    return False
