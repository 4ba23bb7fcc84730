"""The extraction pipeline: a document, sentence by sentence, through the stages in order.

    0 boilerplate     page lines that are not the article, runs of menu lines (boilerplate.py)
    1 mentions        names, surnames, anaphora (mentions.py, anaphora.py)
    1b provisional    persons the gazetteer does not know, named beside a title (provisional.py)
    2 titles          HOLDS_ROLE appositions, modifiers (roles.py)
    3 triggers        the longest trigger at each word (mentions.select_triggers)
    4 dates           date expressions (date_expressions.py); each event's date (dating.py, date_carry.py); the title's and lead's (leads.py)
    5 arguments       each trigger's rule and its strategies (arguments.py, strategies.py)
    6 modality        fact, negated, attempted, future (modality.py)
    7 assembly        relations with evidence; merged per document (assembly.py)
    8 trace           what explain prints (trace.py)

What one sentence tells the next travels in a :class:`~.memory.Memory`,
passed on from stage to stage and sentence to sentence, never changed.
"""
from __future__ import annotations

import datetime
import gc
from functools import lru_cache
from typing import Any, NamedTuple

from ..documents import Document, Sentence, normalize_arabic, normalized_words
from ..matcher import GAP_TEXT, Match, longest_matches, split_categories, tokenize
from ..model import Relation
from .anaphora import bind_pairs, named_lists, stated_by_anaphora
from .arguments import find_arguments
from .assembly import assemble, merge, presupposed
from .boilerplate import ACTIONS, boilerplate_of, page_furniture, place_dateline_end, wire_end
from .firm_origins import firm_origins
from .former_posts import lost_on_page, lost_posts, without_lost_posts
from .restated import date_restated, restated_day, retold_in_sentence
from .date_expressions import sentence_dates
from .dating import statement_date, told_as_background
from .departed import without_departed
from .officials import officials_named, officials_recalled, officials_titled
from .provisional import People
from .leads import date_titles, document_anchor, off_topic_titles, stated_dates, title_spans
from .memory import Memory
from .mentions import addressed, find_mentions, select_triggers
from .role_holding import RANK, stranger
from .roles import NOT_TITLE, holds_role, read_titles
from .sentence import Scene, SentenceView, archive_caption, named_source
from .standing import orient_ties, standing_relations, standing_stages
from .strategies import speaker_of_sentence
from .strategies_context import described_keys
from .topic import bodies_counted, dated_as_placed, places_told
from .trace import trace_sentence, traced_relation
from .visits import Entourage, delegation_members, visits_of

__all__ = ["extract_document"]

OPENING_WORDS = 1   # words a sentence may open with before a title that makes its holder its subject ('The')


def extract_document(schema, doc: Document, trace: dict[str, Any] | None = None) -> list[Relation]:
    """Every relation the document states, merged; fills ``trace`` (anchor, sentences) when given.

    The cyclic collector is paused while a document is read: its records (tokens, mentions, matches) are many,
    small and freed by reference counts when it ends: the collector, run every 700 records made, walked them
    for nothing (4% of extraction). It runs as usual between documents."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        return _read_document(schema, doc, trace)
    finally:
        if was_on:
            gc.enable()


def _read_document(schema, doc: Document, trace: dict[str, Any] | None) -> list[Relation]:
    people = People.of(schema)   # persons named beside a title the gazetteer does not know (stage 1b)
    if people is not None:
        schema = people.schema   # (the shared schema with them in front of its entities)
    sentences = schema.sentence_rules.split(doc.text)
    furniture = page_furniture(doc.text, sentences, schema.link_runs)
    today = datetime.date.today()   # (an undated page's bound: no date it resolves is later)
    anchor, dates = document_anchor(schema.dates, doc, sentences, furniture, today)
    if trace is not None:
        trace["anchor"] = anchor.isoformat() if anchor else None
    memory = Memory()
    relations: list[Relation] = []
    own: dict[tuple[int, int], tuple] = {}   # each read sentence's own dates (a lead's date: date_titles)
    aside: set[tuple] = set()   # (sentence span, trigger span) of the events told as background: no lead's date
    skip_paragraph = None
    standing = standing_stages(schema)
    entourage = Entourage()   # 'Accompanying him were X': who came with a visitor, named sentences later
    named_in: dict[tuple[int, int], set] = {}   # each read sentence's named entities (off_topic_titles)
    before = (0, 0)   # where the relations of the sentence read last stand in ``relations``
    lost: set[tuple[str, str]] = set()   # (person, title) the document marked former: that post is lost
    for sentence in sentences:
        if sentence.index in furniture:
            continue
        tokens = tokenize(sentence.norm.text)
        if not tokens:
            continue
        name = boilerplate_of(tokens, schema.boilerplate, sentence, schema.link_runs, doc.text)
        action = ACTIONS[name] if name else None
        if action is not None and action.ends_article:
            if trace is not None:
                trace["sentences"].append(trace_sentence(sentence, [], [], [], [], [], [f"boilerplate: {name}"]))
            break
        if action is not None and action.skips_next_paragraph:
            skip_paragraph = sentence.paragraph + 1
            continue
        if action is not None or sentence.paragraph == skip_paragraph:
            continue
        told = read_sentence(schema, doc, sentence, tokens, anchor, memory,
                             dates[sentence.index] if dates is not None else None, doc.published or today, people)
        memory = told.memory
        lost |= lost_posts(told.dropped)
        start = len(relations)
        relations += told.relations
        stated = own[(sentence.start, sentence.end)] = None if archive_caption(told.scene.view) else stated_dates(
            told.scene.view, told.scene.dates, told.triggers, told.relations, schema)
        day = restated_day(told.scene.view, told.scene.dates, stated, told.relations, schema) \
            if before[1] > before[0] else None
        if day:   # 'X attacked Y.' then 'The attack took place on Saturday.'
            relations[before[0]:before[1]] = date_restated(relations[before[0]:before[1]], day, schema)
        before = (start, len(relations))
        memory = memory.with_framed(sentence.index, stated)
        if told.relations and schema.dates:
            view = told.scene.view
            aside.update(((sentence.start, sentence.end), view.span(t.start, t.end)) for t in told.triggers
                         if told_as_background(view, schema, t))
        named = {m.entity for m in told.scene.mentions}   # (what every standing stage asks first)
        named_in[(sentence.start, sentence.end)] = named
        for stage in standing:
            stage.see(told.scene, named)
        entourage.see(told.scene, told.relations)
        if trace is not None:
            trace["sentences"].append(trace_sentence(sentence, tokens, told.scene.mentions, told.scene.dates,
                                                     told.triggers, told.relations, told.dropped))
    added = standing_relations(standing, relations)
    added += entourage.relations(relations + [rel for _, rel in added], schema)
    if trace is not None:   # each where its evidence is
        by_index = {entry["index"]: entry for entry in trace["sentences"]}
        for index, rel in added:
            by_index[index]["relations"].append(traced_relation(rel))
    relations += [rel for _, rel in added]
    titles = title_spans(sentences, schema.sentence_rules.ends, doc.text,   # (both stages ask; found once)
                         schema.grammar.list_separators)
    relations = off_topic_titles(relations, named_in, titles, schema.country_of)
    lost = {(who, title) for who, title in lost if not lost_on_page(schema.entities.get(who), doc.published)}
    relations = without_lost_posts(relations, lost, doc.text)   # 'President X' where X is 'the ousted president'
    relations = date_titles(relations, sentences, schema, anchor, doc.text, own, frozenset(aside), titles)
    merged = merge(relations + presupposed(relations, schema), schema)
    return people.carried(merged) if people is not None else merged


class Told(NamedTuple):
    """What one sentence tells: its relations, the scene they came from, what was dropped, the memory after."""

    relations: list[Relation]
    scene: Scene
    triggers: list[Match]
    dropped: list[dict]
    memory: Memory


def _filed_from(view: SentenceView, mentions) -> frozenset:
    """The keys of the places a wire dateline names before its agency's credit: where the story was filed, no
    argument ('DAKAR, Senegal (AP) — The U.S. has handed over ...'; 'CITY- The U.S. has ...')."""
    end = wire_end(view.speech) or place_dateline_end(view.tokens, mentions, view.grammar.aside_marks,
                                                        view.commas)
    return frozenset(m.key for m in mentions if m.end <= end) if end else frozenset()


def read_sentence(schema, doc: Document, sentence: Sentence, tokens, anchor, memory: Memory,
                  dates: list | None = None, bound=None, people: People | None = None) -> Told:
    """Stages 1 to 7 for one sentence (``dates``: its date expressions, when already found; ``bound``: the day
    no fact it tells is after, the page's date or else the clock's, default the page's date; ``people``: the
    document's provisional persons, stage 1b, when some language reads names from their shape)."""
    scanned = schema.scanner.scan(tokens)   # one pass for every sentence-wide matcher (lexicon, speech, cues)
    found = split_categories(scanned.first)
    titles = longest_matches(found.get("title", []))
    names = longest_matches(found.get("mention", []))
    view = SentenceView(doc, sentence, tokens,
                        # (a verb or noun that ends a title, 'overthrew', 'مقتل', is no word of the title itself)
                        frozenset(i for m in titles if m.payload not in NOT_TITLE for i in range(m.start, m.end))
                        if titles else frozenset(), schema,
                        frozenset((m.start, m.end) for m in names), scanned)
    mentions = find_mentions(view, names,
                             longest_matches(found.get("anaphor", [])), memory, schema)
    triggers = select_triggers(found.get("trigger", []), mentions, view)
    minted = frozenset()
    if people is not None:   # 'the Ghanaian trade minister Abena Kusi-Boateng': a person the gazetteer lacks
        mentions, minted = people.named(view, titles, triggers, mentions)
    reading = read_titles(view, titles, mentions, schema.title_window, {t.start for t in triggers})
    if minted:
        held = minted & {p.holder.key for p in reading.phrases if p.holder is not None and people.vouched(view, p)}
        if held != minted:   # a name minted beside a title that does not hold it: no one
            mentions = people.forget(minted - held, mentions)
            reading = read_titles(view, titles, mentions, schema.title_window, {t.start for t in triggers})
        people.placed(view, reading.phrases, mentions, schema)
    mentions = officials_recalled(view, mentions, reading.phrases, memory.officials, schema)   # 'the Guinean minister'
    stated = sentence_dates(view, schema.dates, anchor, dates, doc.published if bound is None else bound)
    here = officials_named(view, reading.phrases, schema)   # (also those this sentence names before the title)
    mentions = officials_titled(view, mentions, reading.phrases,   # 'the minister met X'
                                {**memory.officials, **here} if here else memory.officials,
                                frozenset(d.stop for d in stated if d.token == 0),   # ('On Monday the minister met X')
                                frozenset(t.end for t in triggers))   # ('التقى الرئيس Y')
    strangers = {p.holder.key for p in reading.phrases if stranger(p, schema)}   # 'his Senegalese counterpart F. Diop'
    if strangers:
        mentions = tuple(m for m in mentions if m.key not in strangers)
    scene = Scene.of(view, reading.introduce_holders(mentions), reading.modifiers | _filed_from(view, mentions)
                     | addressed(view, mentions, triggers) | firm_origins(view, mentions),
                     stated,
                     tuple(triggers))
    relations, dropped = without_departed(stated_by_anaphora(view, scene.mentions),   # not 'exit of A ... members'
                                          view, triggers, scene.mentions), []
    for phrase in reading.phrases:
        rel, why = holds_role(view, phrase, schema, reading.phrases)
        dropped += why
        if rel:
            relations.append(rel)
    emitted, scene, memory, why = _events(scene, triggers, memory, schema)
    emitted = retold_in_sentence(emitted, view, schema)   # one event told twice: the date of its later telling
    dropped += why
    subject, named = None, None
    for _trig, rel in emitted:
        relations.append(rel)
        if subject is None and schema.relation_types[rel.type].cameo is not None and not _inverted(rel):
            subject, named = rel.source, named_source(rel)   # the first event's actor leads the discourse
    if subject is None:
        speaker = speaker_of_sentence(scene, memory)   # 'وأكد عطا الله أن ...'
        subject = speaker.entity if speaker else None
        named = view.span(speaker.start, speaker.end) if speaker and speaker.key >= 0 else None
        memory = memory.with_dated(statement_date(scene, speaker, memory, schema))
        if subject is None and (opener := _opening_holder(reading.phrases, titles, view, mentions)) is not None:
            subject, named = opener.entity, view.span(opener.start, opener.end)
    elif schema.dates and all(rel.date is None and rel.type in schema.dates.lasting for _t, rel in emitted):
        # 'Y said X is a reliable partner': a lasting tie a speaker tells moves the narrative on as a statement would
        memory = memory.with_dated(statement_date(scene, speaker_of_sentence(scene, memory), memory, schema))
    memory = memory.after_sentence(sentence.index, tokens, scene.mentions,
                                   reading.modifiers | described_keys(scene, emitted), subject, named,
                                   places_told(scene), bodies_counted(scene, schema), schema.surname_spellings,
                                   named_lists(view, scene.mentions), _acted_together(emitted, schema))
    memory = memory.with_officials(here)
    return Told(relations, scene, triggers, dropped, memory)


def _acted_together(emitted, schema) -> tuple[str, ...]:
    """The people named as the sources of one event word together ('A, B and C visited X'): who a plural pronoun
    of the next sentence stands for ('They met with Y'); () when no event had two or more."""
    by_word: dict[int, list[str]] = {}
    for trig, rel in emitted:
        entity = schema.entities.get(rel.source)
        if entity is not None and entity.kind == "person" and rel.source not in by_word.setdefault(trig.start, []):
            by_word[trig.start].append(rel.source)
    return next((tuple(people) for people in by_word.values() if len(people) > 1), ())


def _opening_holder(phrases, titles=(), view=None, mentions=()):
    """'The EU's special envoy, X, has called for ...': a sentence that opens with a title and its holder, and tells
    no event, is about that person, who leads the discourse ('He made the remarks after a meeting with ...'). An
    honorific or rank before the title (a RANK match of ``titles``: 'عادت معالي وزيرة ...، السيدة X، إلى ...')
    is no opening word (rulesCG4, b440_02; rule example of met.counterparts_of_states.ar); nor is a fronted phrase
    the comma closes and that names no actor ('Speaking at the ceremony, the director of Y, X, described ...';
    rulesCJ3, b469_08)."""
    def opens(p):   # where the phrase begins: its title, the body it serves ("The EU's ...") or its holder
        return min([p.tokens[0]] + [m.start for m in (p.affiliation, p.holder) if m is not None])
    first = min(phrases, key=opens, default=None)
    if first is None or first.cancelled or first.holder is None:
        return None
    start = opens(first)
    if start == first.tokens[0]:   # (ranks count only before a title that opens the phrase, not before its holder)
        start -= len({i for m in titles if m.payload == RANK for i in range(m.start, min(m.end, start))})
    if view is not None and start > OPENING_WORDS:   # past a fronted phrase: its comma, then an article at most
        k = start - 1 if view.lows[start - 1] in view.grammar.determiners else start
        if view.tokens[k - 1].text in view.commas and not any(m.start < k for m in mentions):
            start = 0   # (one that names an actor is a clause of its own: 'استدعت الخارجية الموريتانية، الثلاثاء، سفير')
    return first.holder if start <= OPENING_WORDS else None


def _inverted(rel) -> bool:
    """'صمدت النيجر في وجه العقوبات التي فرضتها إيكواس': the target named before the trigger and the source after
    it (a passive or borne frame) tell an event in passing; its source does not lead the discourse."""
    spans = rel.evidence[0].spans if rel.evidence else {}
    trig, source, target = spans.get("trigger"), spans.get("source"), spans.get("target")
    return bool(trig and source and target) and source[0] >= trig[1] and target[1] <= trig[0]


def _inflected(view, triggers: list[Match]) -> set[tuple]:
    """The triggers read through an ending where another trigger of their type takes the same words as written:
    'عن شكره للوفد' is the noun 'his thanks' (its source before it) before it is the verb 'شكر' with an object
    pronoun (whose subject would follow). Patterns with a wildcard or a gap are read as they are."""
    if len(triggers) < 2:
        return set()   # (one trigger or none, the most sentences: nothing to tell apart)
    plain = [t for t in triggers if "*" not in t.pattern and GAP_TEXT not in t.pattern]
    if len({(t.start, t.end, t.payload.type) for t in plain}) == len(plain):
        return set()   # (most sentences: no two triggers of one type on the same words, nothing to tell apart)
    lows = view.lows
    read = [(t, _normal_pattern(t.pattern) == _normal_words(" ".join(lows[t.start:t.end])[len(t.clitic):]))
            for t in plain]   # (each trigger read once)
    exact = {(t.start, t.end, t.payload.type) for t, written in read if written}
    return {_key(t) for t, written in read if not written and (t.start, t.end, t.payload.type) in exact}


@lru_cache(maxsize=None)
def _normal_pattern(pattern: str) -> str:
    """A trigger pattern as the text is normalized (patterns are few: each is normalized once)."""
    return normalize_arabic(pattern).lower()


_normal_words = normalized_words   # a trigger's words as written (the same words recur)


def _key(t: Match) -> tuple:
    return t.start, t.end, t.payload.id, t.pattern


# (the helpers below are functions of their own: in _events, their lambda and generators would make its locals
# cells, made at every sentence)

def _in_order(triggers: list[Match], inflected: set[tuple]) -> list[Match]:
    """Leftmost, longest first; at one place a trigger read through an ending after the others."""
    if not inflected:
        return sorted(triggers, key=_place)
    return sorted(triggers, key=lambda t: (t.start, -(t.end - t.start), _key(t) in inflected))


def _place(t: Match) -> tuple[int, int]:
    return t.start, -(t.end - t.start)


def _inside_longer(trig: Match, told: list[tuple[int, int, str]]) -> bool:
    return any(s <= trig.start and trig.end <= e and e - s > trig.end - trig.start and t == trig.payload.type
               for s, e, t in told)


def _starts_inside(trig: Match, owned: list[tuple[int, int, str]]) -> bool:
    return any(s < trig.start < e < trig.end and t == trig.payload.type for s, e, t in owned)


def _events(scene: Scene, triggers: list[Match], memory: Memory, schema):
    """Each trigger in order (leftmost, longest first) through arguments and assembly.

    Later triggers see what earlier ones told: the relations (a coordinated
    verb shares their subject) and, in the memory, the two sides of an
    exchange ('حيث وقع الجانبان') and the last dated event.
    """
    emitted: list[tuple[Match, Relation]] = []
    dropped: list[dict] = []
    pairs = any(m.how == "pair" for m in scene.mentions)   # 'the two sides' take the latest exchange's
    told: list[tuple[int, int, str]] = []   # the words of triggers that told a relation, and its type
    owned: list[tuple[int, int, str]] = []   # those of them whose rules own their words (``claims``)
    inflected = _inflected(scene.view, triggers)
    # (most sentences read no trigger through an ending: no key to make)
    for trig in _in_order(triggers, inflected):
        if inflected and _key(trig) in inflected and (trig.start, trig.end, trig.payload.type) in told:
            dropped.append({"rule": trig.payload.id, "why": "the same words, taken as written, told it"})
            continue
        if told and _inside_longer(trig, told):
            # a word inside a longer trigger of the same type that told it is that trigger's ('مسؤوليتها عن هجمات
            # استهدفت X': the targeting verb belongs to the claim, and its object is no attacker)
            dropped.append({"rule": trig.payload.id, "why": "inside a longer trigger of its type"})
            continue
        if owned and trig.payload.visit == "host" and _starts_inside(trig, owned):
            # a host's act whose first words were those of a trigger of its type that owns its words (``claims``)
            # ('was received by the president': the active 'received ... president' would make the guest the host)
            dropped.append({"rule": trig.payload.id, "why": "starts inside an earlier trigger of its type"})
            continue
        if pairs:
            scene = scene.with_mentions(bind_pairs(scene.mentions, memory.last_pair, schema))
        rule = trig.payload
        args, why = find_arguments(scene, rule, trig, tuple(emitted), memory, schema)
        dropped += why
        if args is None:
            if rule.claims:
                told.append((trig.start, trig.end, rule.type))
                owned.append((trig.start, trig.end, rule.type))
            continue
        rels, why, memory = assemble(scene, rule, trig, args, memory, schema)
        rels = dated_as_placed(rels, scene, trig, args.target_how, memory)   # the claimed attack's own date
        rels = orient_ties(rels, schema)   # a franchise is the source of its tie to its parent
        sides = [r for r in rels if r.type in schema.pair_types]   # (the exchange told, not the visits it implies)
        rels += visits_of(scene, rule, trig, args, rels, schema)   # 'met X in Bamako': a visit to Mali
        rels += delegation_members(scene, rels, schema)   # 'the delegation, led by X and including Y'
        dropped += why
        if rels or rule.claims:   # ('the victim of attacks': the inner 'attacks' names no attacker)
            told.append((trig.start, trig.end, rule.type))
            if rule.claims:
                owned.append((trig.start, trig.end, rule.type))
        if rels:   # ('a named force, which includes troops from A and B': its members, not partners)
            told += [(trig.start, trig.end, t) for t in rule.outranks]
        for rel in rels:
            emitted.append((trig, rel))
            if rel in sides:   # 'زار ... حيث وقع الجانبان': the sides are known at once ('met X at a forum in Y,
                # where the two sides discussed': the meeting's, not the guests' visits to the host; rulesBP3, b355_05)
                memory = memory.with_pair((schema.side_of(rel.source), schema.side_of(rel.target)))
    if pairs:
        scene = scene.with_mentions(bind_pairs(scene.mentions, memory.last_pair, schema, final=True))
    return emitted, scene, memory, dropped
