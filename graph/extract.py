"""Applying a compiled :class:`~graph.rules.Schema` to documents.

Per sentence: tokens of the normalized text, entity mentions (gazetteer
aliases and adjectives, then anaphora), role appositions (titles next to
names, which also yield HOLDS_ROLE), dates, then triggers. Each trigger's rule
finds its source and target by the strategies it lists, in order; the
relation gets its modality from nearby cues and its date from the nearest
date expression (or, failing that, from the previous dated event of the same
actor). Reports of one relation in a document are merged into one
:class:`~graph.model.Relation` with every piece of evidence.

>>> from graph.rules import load_schema                        # doctest: +SKIP
>>> ex = Extractor(load_schema())                              # doctest: +SKIP
>>> [r.type for r in ex.extract(Document.from_text("زار لاندو مالي."))]  # doctest: +SKIP
['VISITED']
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from .documents import Document, Sentence, normalize, normalize_arabic
from .matcher import Match, Token, longest_matches, split_categories, tokenize
from .model import Evidence, Relation, edge_key
from .rules import Anaphor, EntityForm, Rule, Schema, Slot

__all__ = ["Extractor", "Mention"]

_BOUNDARIES = frozenset(":“«؟?!;")
_DEFAULT_MAX = {"before": 15, "after": 6, "prep": 8, "speaker": 4}
_FACTOR = {"prep": 1.0, "gap": 1.0, "between": 1.0, "before": 0.9, "after": 0.9, "speaker": 0.85,
           "subject": 0.75, "coordinated_subject": 0.8, "clause_subject": 0.8, "pair": 0.8}
_DATE_WINDOW = 10
_SAME_EVENT_WORDS = 4   # a second word for the same event this close after the first restates it
_INHERIT_SENTENCES = 1
_SUBJECT_SENTENCES = 3
_SPEAKER_SLOT = Slot("speaker", max=2)


def _sentence_end(n: int) -> Match:
    """A pseudo trigger at the end of a sentence (for 'who speaks in this sentence')."""
    return Match(n, n, None, "", "")




@dataclass
class Mention:
    """An entity named (or referred to) in a sentence, by token range."""

    start: int
    end: int
    entity: str
    kind: str
    how: str                      # 'name' | 'adjective' | 'anaphor'
    clitic: str = ""
    intro: str = ""               # the preposition introducing it, if any
    pair_other: str | None = None  # 'the two sides': the other side
    head: bool = False             # the mention a strategy found (others came along by coordination)
    group: bool = False            # one member of 'the three countries' (its siblings share the span)


@dataclass
class _RolePhrase:
    title: tuple[int, int]
    holder: Mention | None
    affiliation: Mention | None
    cancelled: bool
    tokens: tuple[int, int]


@dataclass
class _State:
    """What the document has said so far (for anaphora, subjects and date inheritance)."""

    last_by_kind: dict[str, tuple[str, int]] = field(default_factory=dict)
    subject: tuple[str, int] | None = None           # (entity, sentence index)
    last_dated: tuple[str, str, int] | None = None    # (source, date, sentence index)
    last_pair: tuple[str, str] | None = None
    surnames: dict[str, str] = field(default_factory=dict)   # last word of a full name -> person, once named
    country_counts: dict[str, int] = field(default_factory=dict)   # how often each country was named so far
    recent_countries: list[str] = field(default_factory=list)      # countries by name, the latest named last


class Extractor:
    """Extracts relations from documents with one compiled schema (reusable, stateless between calls)."""

    def __init__(self, schema: Schema):
        self.schema = schema
        m = schema.morphology
        self._preps = frozenset(m.get("prepositions") or ())
        self._clitic_preps = frozenset(p for p in self._preps if len(p) == 1)
        self._clause_openers = frozenset(m.get("clause_openers") or ())
        self._non_actor_heads = frozenset(m.get("non_actor_heads") or ())
        self._conjunctions = frozenset(m.get("conjunctions") or ())
        self._commas = frozenset(m.get("list_separators") or ())
        self._between = frozenset(m.get("between") or ())
        self._actor_heads_in = frozenset(m.get("actor_heads_in") or ())
        self._actor_heads_of = frozenset(m.get("actor_heads_of") or ())
        self._title_separators = frozenset(m.get("title_separators") or ())
        self._affiliation_before = frozenset(m.get("title_affiliation_before") or ())
        self._article = m.get("article") or "\0"
        self._proclitics = "".join(c for layer in m.get("proclitics") or () for c in layer)
        self._conjunction_clitics = tuple((m.get("proclitics") or [[]])[0])

    # ------------------------------------------------------------------ public

    def extract(self, doc: Document) -> list[Relation]:
        """Every relation the document states (facts and modal ones), merged per document."""
        return self._run(doc, None)

    def explain(self, doc: Document) -> dict[str, Any]:
        """Per sentence: mentions, dates, triggers, relations, and why candidates were dropped."""
        trace: dict[str, Any] = {"sentences": []}
        self._run(doc, trace)
        return trace

    # ------------------------------------------------------------------ document

    def _run(self, doc: Document, trace) -> list[Relation]:
        schema = self.schema
        anchor = doc.published or (schema.dates.anchor(normalize(doc.text).text, None) if schema.dates else None)
        if trace is not None:
            trace["anchor"] = anchor.isoformat() if anchor else None
        state = _State()
        merged: dict[tuple, Relation] = {}
        skip_paragraph = None
        furniture = self._link_runs(doc)
        for sentence in doc.sentences:
            if sentence.index in furniture:
                continue
            tokens = tokenize(sentence.norm.text)
            if not tokens:
                continue
            action = self._boilerplate(tokens, sentence)
            if action == "stop":
                if trace is not None:
                    trace["sentences"].append(self._trace_sentence(sentence, [], [], [], [], [], ["boilerplate: stop"]))
                break
            if action == "skip_next":
                skip_paragraph = sentence.paragraph + 1
                continue
            if action == "skip_line" or sentence.paragraph == skip_paragraph:
                continue
            for rel in self._sentence(doc, sentence, tokens, anchor, state, trace):
                key = edge_key(rel.source, rel.type, rel.target, rel.date, rel.modality, rel.role,
                               schema.relation_types[rel.type].symmetric)
                if key in merged:
                    known = {(e.sentence_span, e.rule) for e in merged[key].evidence}
                    merged[key].evidence.extend(e for e in rel.evidence if (e.sentence_span, e.rule) not in known)
                else:
                    merged[key] = rel
        return list(merged.values())

    def _link_runs(self, doc: Document) -> set[int]:
        """Sentences in runs of short whole lines that end no sentence: menus, tickers, teasers, link lists."""
        spec = self.schema.link_runs
        if not spec:
            return set()
        text = doc.text
        out: set[int] = set()
        run: list[int] = []
        for s in list(doc.sentences) + [None]:
            if s is not None:
                line = text[s.start:s.end].strip()
                whole = text[:s.start].rstrip(" \t").endswith("\n") or not text[:s.start].strip()
                whole = whole and (text[s.end:].lstrip(" \t")[:1] in ("\n", ""))
                if whole and line and len(line.split()) <= spec["max_words"] and not line.endswith(spec["ends"]):
                    run.append(s.index)
                    continue
            if len(run) >= spec["min_run"]:
                out.update(run)
            run = []
        return out

    def _boilerplate(self, tokens: list[Token], sentence) -> str | None:
        """A marker at the start of a line ('شارك', 'Share'): only a short line that ends no sentence is
        furniture to skip ('شارك الرئيس في القمة.' is the article)."""
        spec = self.schema.link_runs
        for action, matcher in self.schema.boilerplate.items():
            if matcher.find_at(tokens, 0) and tokens[0].is_word:
                if action != "stop" and spec and (len(sentence.text.split()) > spec["max_words"]
                                                  or sentence.text.strip().endswith(spec["ends"])):
                    continue
                return action
        return None

    # ------------------------------------------------------------------ sentence

    def _sentence(self, doc, sentence: Sentence, tokens, anchor, state: _State, trace) -> list[Relation]:
        schema = self.schema
        words = _word_positions(tokens)
        found = split_categories(schema.lexicon.find(tokens, overlapping=True))   # one pass for every lexicon
        mentions = self._mentions(tokens, longest_matches(found.get("mention", [])),
                                  longest_matches(found.get("anaphor", [])), state)
        triggers = self._triggers(found.get("trigger", []), mentions)
        roles, modifiers, title_tokens = self._roles(tokens, longest_matches(found.get("title", [])), mentions,
                                                     {t.start for t in triggers},
                                                     doc.lang in self._affiliation_before)
        dates = self._dates(sentence, tokens, anchor, self.schema.speech.find_at(tokens, 0) if tokens else [])
        ctx = _Ctx(doc, sentence, tokens, words, mentions, modifiers, dates, state, schema)
        ctx.title_tokens, ctx.conjunctions, ctx.commas = title_tokens, self._conjunctions, self._commas
        ctx.triggers = triggers
        relations: list[Relation] = []
        dropped: list[dict] = []
        for phrase in roles:
            rel = self._holds_role(ctx, phrase, dropped)
            if rel:
                relations.append(rel)
        emitted: list[tuple[Any, Relation]] = []
        for trig in sorted(triggers, key=lambda t: (t.start, -(t.end - t.start))):
            self._bind_pairs(ctx)
            for rel in self._apply(ctx, trig.payload, trig, emitted, dropped):
                emitted.append((trig, rel))
                if rel.type in schema.pair_types:   # 'زار ... حيث وقع الجانبان': the sides are known at once
                    state.last_pair = (self._country_of(rel.source), self._country_of(rel.target))
        self._bind_pairs(ctx, final=True)
        subject_set = False
        for _trig, rel in emitted:
            relations.append(rel)
            if not subject_set and schema.relation_types[rel.type].cameo is not None:
                state.subject = (rel.source, sentence.index)   # the first event's actor leads the discourse
                subject_set = True
        if not subject_set:
            speaker = self._slot_speaker(ctx, _SPEAKER_SLOT, _sentence_end(len(tokens)), (), set(), None)
            if speaker:
                state.subject = (speaker[0].entity, sentence.index)   # 'وأكد عطا الله أن ...'
        for m in mentions:
            if m.how not in ("anaphor", "pair") and id(m) not in modifiers:
                state.last_by_kind[m.kind] = (m.entity, sentence.index)
            if m.kind == "person" and m.end - m.start > 1:
                state.surnames[tokens[m.end - 1].text] = m.entity
            if m.kind == "country" and m.how == "name":   # demonyms describe other things ('السفارة الأمريكية')
                state.country_counts[m.entity] = state.country_counts.get(m.entity, 0) + 1
                if m.entity in state.recent_countries:
                    state.recent_countries.remove(m.entity)
                state.recent_countries.append(m.entity)
        if trace is not None:
            trace["sentences"].append(self._trace_sentence(sentence, tokens, mentions, dates, triggers,
                                                           relations, dropped))
        return relations

    # ------------------------------------------------------------------ mentions

    def _mentions(self, tokens, names, anaphors, state: _State) -> list[Mention]:
        schema = self.schema
        out: list[Mention] = []
        for m in names:
            form: EntityForm = m.payload
            prev = tokens[m.start - 1].text if m.start > 0 else ""
            nxt = tokens[m.end].text if m.end < len(tokens) else ""
            if prev in form.exclude_before or nxt in form.exclude_after:
                continue
            if form.form == "adjective" and prev in self._non_actor_heads:
                continue   # 'الأسلحة الروسية': Russian weapons, not Russia
            if any(o.start == m.start for o in out):   # same span, two readings: keep the first
                continue
            entity = schema.entities[form.entity]
            intro = self._intro(tokens, m.start, m.clitic)
            if m.end + 1 < len(tokens) and tokens[m.end].text == "'" and tokens[m.end + 1].text == "s":
                intro = "'s"   # "al-Qaeda's affiliate", "with Russia's Africa Corps": a possessor, not the argument
            out.append(Mention(m.start, m.end, form.entity, entity.kind, form.form, m.clitic, intro))
        taken = {i for o in out for i in range(o.start, o.end)}
        for i, tok in enumerate(tokens if state.surnames else ()):
            # 'إبراهيم تراوري' once named, 'تراوري' alone is him (even when the gazetteer cannot say so)
            if i in taken or not tok.is_word or len(tok.text) < 3:
                continue
            word = tok.text
            ent = state.surnames.get(word) or (
                state.surnames.get(word[1:]) if word[:1] and word[:1] in self._proclitics else None)
            if ent:
                clitic = "" if word in state.surnames else word[0]
                out.append(Mention(i, i + 1, ent, "person", "name", clitic, self._intro(tokens, i, clitic)))
                taken.add(i)
        starts = {o.start for o in out}
        for m in anaphors:
            if m.payload.refers_to == "members" and any(o.kind == "alliance" and m.start <= o.start and o.end <= m.end
                                                          for o in out):
                # 'دول الكونفدرالية': the member states, not the alliance its last word names
                out = [o for o in out if not (m.start <= o.start and o.end <= m.end)]
                taken = {i for o in out for i in range(o.start, o.end)}
                starts = {o.start for o in out}
            if any(i in taken for i in range(m.start, m.end)) or m.end in starts:
                continue   # 'العاصمة باماكو': the name right after says who it is
            anaphor: Anaphor = m.payload
            if anaphor.refers_to in ("group", "members"):
                out.extend(self._resolve_group(anaphor, m, tokens, out, state))
                continue
            mention = self._resolve_anaphor(anaphor, m, tokens, out, state)
            if mention:
                out.append(mention)
        out.sort(key=lambda x: x.start)
        for prev, m in zip(out, out[1:]):
            if m.start == prev.end and prev.intro and not m.intro and m.clitic[:1] in self._conjunction_clitics \
                    and m.clitic:
                m.intro = prev.intro   # 'من السنغال وكوت ديفوار': both come after من
            if m.start == prev.end + 1 and tokens[prev.end].text == "(" and not m.intro:
                # 'من المجموعة الاقتصادية لدول غرب أفريقيا (إيكواس)': the restatement keeps the preposition;
                # 'بعثة الأمم المتحدة (مينوسما)': the name in brackets is the one meant
                m.intro = prev.intro
                if m.entity != prev.entity:
                    prev.entity, prev.kind = m.entity, m.kind
        return out

    def _intro(self, tokens, start: int, clitic: str) -> str:
        for c in clitic:
            if c in self._clitic_preps:
                return c
        if start > 1 and tokens[start - 1].text in ("في", "in") and (
                tokens[start - 2].text.lower() in self._actor_heads_in
                or start > 2 and f"{tokens[start - 3].text} {tokens[start - 2].text}" in self._actor_heads_in):
            return ""   # 'السلطات في بوركينا فاسو': the country itself acts
        if start > 1 and tokens[start - 1].text.lower() == "of" and tokens[start - 2].text.lower() in self._actor_heads_of:
            return ""   # 'the military leaders of Mali, ...': Mali acts
        if start > 0:
            prev = tokens[start - 1].text
            prev = prev[1:] if prev[:1] in self._conjunction_clitics and prev[1:] in self._preps else prev
            if prev.lower() in self._preps:
                return prev.lower()
        return ""

    def _resolve_anaphor(self, anaphor: Anaphor, m, tokens, earlier, state: _State) -> Mention | None:
        entities = self.schema.entities
        intro = self._intro(tokens, m.start, m.clitic)
        if anaphor.refers_to == "last":
            for o in reversed([o for o in earlier if o.start < m.start]):
                if o.kind in anaphor.kinds:
                    return Mention(m.start, m.end, o.entity, o.kind, "anaphor", m.clitic, intro)
            cands = [(ent, s) for kind, (ent, s) in state.last_by_kind.items() if kind in anaphor.kinds]
            if cands:
                ent, _ = max(cands, key=lambda c: c[1])
                return Mention(m.start, m.end, ent, entities[ent].kind, "anaphor", m.clitic, intro)
        elif anaphor.refers_to == "subject_country":
            # 'وأشاد تياني ...، معربا عن رغبة بلاده': the person just named, else the discourse subject
            person = next((o for o in reversed(earlier) if o.start < m.start and o.kind == "person"), None)
            holder = person.entity if person else state.subject[0] if state.subject else None
            country = self._country_of(holder)
            if country:
                return Mention(m.start, m.end, country, entities[country].kind, "anaphor", m.clitic, intro)
        elif anaphor.refers_to == "topic":
            # 'البلاد': the country the article is about, the one named most so far (this sentence included)
            counts = dict(state.country_counts)
            for o in earlier:
                if o.start < m.start and o.kind == "country" and o.how == "name":
                    counts[o.entity] = counts.get(o.entity, 0) + 1
            if counts:
                country = max(counts, key=lambda c: (counts[c], c))
                return Mention(m.start, m.end, country, entities[country].kind, "anaphor", m.clitic, intro)
        elif anaphor.refers_to == "pair":
            # resolved when an argument is sought: an exchange told earlier in this sentence counts too
            return Mention(m.start, m.end, "", "", "pair", m.clitic, intro)
        return None

    def _resolve_group(self, anaphor: Anaphor, m, tokens, earlier, state: _State) -> list[Mention]:
        """'الدول الثلاث', 'the three countries': the last N countries named, one mention each;
        'دول الاتحاد', 'the member states': the members of the alliance named last (from the gazetteer)."""
        intro = self._intro(tokens, m.start, m.clitic)
        if anaphor.refers_to == "members":
            alliance = next((o.entity for o in reversed(earlier) if o.start < m.start and o.kind == "alliance"), None)
            alliance = alliance or (state.last_by_kind.get("alliance") or (None,))[0]
            return [Mention(m.start, m.end, ent, self.schema.entities[ent].kind, "anaphor", m.clitic, intro, group=True)
                    for ent in self.schema.members.get(alliance, ())]
        recent = list(state.recent_countries)
        for o in earlier:
            if o.start < m.start and o.kind == "country" and o.how == "name":
                if o.entity in recent:
                    recent.remove(o.entity)
                recent.append(o.entity)
        n = anaphor.count or 0
        if n < 2 or len(recent) < n:
            return []
        return [Mention(m.start, m.end, ent, "country", "anaphor", m.clitic, intro, group=True) for ent in recent[-n:]]

    def _bind_pairs(self, ctx, final: bool = False) -> None:
        """Give 'the two sides' the two ends of the latest exchange; at the end, drop those still unknown."""
        pair = ctx.state.last_pair
        for m in list(ctx.mentions):
            if m.how != "pair":
                continue
            if pair and None not in pair and pair[0] != pair[1]:
                m.entity, m.kind, m.pair_other = pair[0], self.schema.entities[pair[0]].kind, pair[1]
            elif final and m.entity == "":
                ctx.mentions.remove(m)

    def _country_of(self, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        e = self.schema.entities.get(entity_id)
        if e is None:
            return None
        return e.id if e.kind == "country" else e.country

    @staticmethod
    def _triggers(matches, mentions):
        """Trigger matches outside entity names; where several start at one word, the longest wins."""
        inside = {i for m in mentions if m.how not in ("anaphor", "pair") for i in range(m.start, m.end)}
        best: dict[int, int] = {}
        found = [m for m in matches if m.start not in inside]
        for m in found:
            best[m.start] = max(best.get(m.start, 0), m.end)
        return [m for m in found if m.end == best[m.start]]

    # ------------------------------------------------------------------ roles

    def _roles(self, tokens, matches, mentions: list[Mention], trigger_starts=frozenset(), before_ok=True):
        """Title appositions: 'وزير الخارجية المالي عبد الله ديوب', 'Landau, Deputy Secretary of State'."""
        schema = self.schema
        kinds = {(m.start): m.payload for m in matches}
        ends = {m.start: m.end for m in matches}
        by_start = {m.start: m for m in mentions}
        phrases: list[_RolePhrase] = []
        modifiers: set[int] = set()
        consumed = -1
        for tm in matches:
            if tm.start < consumed:
                continue
            if tm.payload not in ("title", "counterpart") and not (
                    tm.payload == "rank" and before_ok and self._possessive_before(tokens, tm.start, mentions)):
                continue   # 'Nigerien General X': a rank after an affiliation is a title
            holder, affiliation, cancelled = None, None, False
            inner: list[Mention] = []
            i = tm.end
            budget = schema.title_window
            end = tm.end
            while i < len(tokens) and budget > 0:
                tok = tokens[i]
                if i in by_start:
                    m = by_start[i]
                    if m.kind == "person":
                        holder = m
                        break
                    inner.append(m)
                    i = m.end
                    end = i
                    budget -= 1
                    continue
                if i in kinds:
                    if i > tm.start and not cancelled and (kinds[i] == "counterpart" or (
                            kinds[i] == "title" and any(m.kind != "person" for m in inner))):
                        # a title stops at the next one once it has its affiliation: 'وزير الخارجية التركي نظيره
                        # النيجري X' makes X the counterpart ('مساعد وزير الخارجية' stays one title)
                        break
                    cancelled |= kinds[i] == "cancel"
                    i = ends[i]
                    end = i
                    continue
                if tok.text == "." and i > tm.start and kinds.get(i - 1) == "rank":
                    i += 1          # 'Gen. Assimi Goita': the dot of an abbreviated rank
                    continue
                if tok.text == "'" and i + 1 < len(tokens) and tokens[i + 1].text.lower() == "s":
                    i += 2          # 'the head of Niger's junta, General X': the possessive stays in the title
                    continue
                if tok.text in self._title_separators:
                    # a comma, dash or quote may separate the title from its holder: 'المبعوث ...، رودولف عطا الله',
                    # 'وزير الدفاع "فلان"', 'وزير الخارجية - فلان'
                    j = i + 1
                    while j < len(tokens) and (kinds.get(j) == "rank" or tokens[j].text in self._title_separators):
                        j = ends.get(j, j + 1)
                    if j in by_start and by_start[j].kind == "person":
                        holder = by_start[j]
                    break
                if not tok.is_word or i in trigger_starts:
                    break   # a title phrase does not run into punctuation or into the event itself
                i += 1
                end = i
                budget -= 1
            holder_before = False
            introduced = bool(self._intro(tokens, tm.start, tm.clitic))
            pre = self._possessive_before(tokens, tm.start, mentions) if before_ok else None
            if holder is None and not introduced and tm.payload != "counterpart":   # a counterpart is someone else
                # 'X، Deputy Secretary of State', 'X, Niger's defence minister': a person right before the title
                j = (pre.start if pre is not None and pre.start < tm.start else tm.start) - 1
                while j >= 0 and (tokens[j].text in self._commas or kinds.get(j) == "rank"):
                    j -= 1
                before = next((m for m in mentions if m.end == j + 1 and m.kind == "person"), None)
                if before is not None and not any(p.holder is before for p in phrases):
                    # 'رئيس الوزراء علي الأمين زين سفير الصين': the ambassador is someone else
                    holder, holder_before = before, True
            # English 'Mali's Foreign Minister', 'US envoy': an affiliation right before the title
            if self._suffixed(tm, tokens, matches):
                # 'استدعت تشاد سفيرتها': 'her ambassador' is the ambassador of the actor named before
                pre = next((m for m in reversed(mentions) if m.end <= tm.start and m.kind != "person" and m.entity
                            and m.how != "pair"), None)
            if pre is not None:
                inner.insert(0, pre)
            inner = [m for m in mentions if m.kind != "person" and tm.start <= m.start < tm.end
                     and m not in inner] + inner   # 'رئيس المجلس العسكري في النيجر': a title word starts a name
            affiliation = next((m for m in inner if m.kind != "person"), None)
            if holder_before:
                # the phrase after the name ends with its first affiliation
                inner = inner[: inner.index(affiliation) + 1] if affiliation else []
                end = affiliation.end if affiliation and affiliation.start > tm.start else tm.end
            if holder is not None and not holder_before and not holder.intro:
                # 'مع وزير الخارجية ... ديوب', 'بوزير الخارجية ديوب': the name takes the title's preposition
                holder.intro = self._intro(tokens, tm.start, tm.clitic)
            if holder is not None:
                for m in inner:
                    modifiers.add(id(m))
                consumed = max(end, holder.end if holder.start > tm.start else end)
            phrases.append(_RolePhrase((tm.start, tm.end), holder, affiliation, cancelled, (tm.start, end)))
        title_tokens = {i for m in matches for i in range(m.start, m.end)}
        return phrases, modifiers, title_tokens

    def _suffixed(self, tm, tokens, matches) -> bool:
        """Whether a title was written with a possessive suffix ('سفيرها'), not as listed ('سفير'); a form some
        title lists as it is ('وزيرة', the feminine, normalized like 'وزيره', his minister) is not."""
        form = tokens[tm.start].text[len(tm.clitic):].lower()
        listed = {normalize_arabic(m.pattern.split()[0]).rstrip("*").lower() for m in matches if m.start == tm.start}
        return form not in listed and not form.startswith(self._article)

    def _possessive_before(self, tokens, start, mentions) -> Mention | None:
        for m in mentions:
            if m.kind == "person":
                continue
            if m.end == start:
                return m
            if m.end + 2 == start and tokens[m.end].text == "'" and tokens[m.end + 1].text.lower() == "s":
                return m
        return None

    def _holds_role(self, ctx: "_Ctx", phrase: _RolePhrase, dropped) -> Relation | None:
        if phrase.holder is None:
            return None
        if phrase.cancelled:
            dropped.append({"rule": "roles.apposition", "why": "title marked former (cancel word)"})
            return None
        person = self.schema.entities[phrase.holder.entity]
        target = phrase.affiliation.entity if phrase.affiliation else None
        if target is None:
            roles = [r for r in person.roles]
            target = roles[0].of if len(roles) == 1 else person.country
        if target is None or target == person.id:
            dropped.append({"rule": "roles.apposition", "why": f"no affiliation for {person.id}"})
            return None
        spans = {"trigger": ctx.span(*phrase.title), "source": ctx.span(phrase.holder.start, phrase.holder.end)}
        if phrase.affiliation:
            spans["target"] = ctx.span(phrase.affiliation.start, phrase.affiliation.end)
        role_text = ctx.text(phrase.tokens[0], phrase.tokens[1])
        return ctx.relation(person.id, "HOLDS_ROLE", target, None, "fact", "roles.apposition", 0.9, spans,
                            role=role_text)

    # ------------------------------------------------------------------ dates

    def _dates(self, sentence: Sentence, tokens, anchor, opening=()):
        if not self.schema.dates:
            return []
        out = []
        dateline = max((m.end for m in opening if m.payload == "dateline"), default=None)
        for d in self.schema.dates.find(sentence.norm.text):
            tok = next((i for i, t in enumerate(tokens) if t.end > d.start), None)
            if tok is None:
                continue
            if dateline is not None and all(not t.is_word or t.text.isdigit() for t in tokens[dateline:tok]):
                continue   # 'date 2025-01-08 ...', 'تاريخ النشر: ...': the page's date, not the event's
            if d.text.isdigit() and tok > 0 and tokens[tok - 1].is_word and not tokens[tok - 1].text.isdigit():
                continue   # 'انقلاب 2020', 'the 2023 coup': the year of something named, not of this event
            value = d.resolve(anchor)
            out.append((tok, d, value.iso() if value else None))
        return out

    # ------------------------------------------------------------------ rules

    def _apply(self, ctx: "_Ctx", rule: Rule, trig, emitted, dropped) -> list[Relation]:
        """Source strategies are tried in order until one leads to a target too ('إن لاندو التقى ديوب')."""
        sources, targets, shows, thows, sfac, tfac = [], [], None, None, 0.0, 0.0
        first = None
        pair = next((m for m in ctx.mentions if m.how == "pair" and m.entity
                     and (m.start == trig.end or m.end == trig.start)), None)
        if pair is not None:   # 'بحث الجانبان', 'الطرفان اتفقا': the two sides are the two ends
            return self._relations(ctx, rule, trig, [pair], [Mention(pair.start, pair.end, pair.pair_other,
                                   self.schema.entities[pair.pair_other].kind, "anaphor")], "pair", "pair",
                                   1.0, 1.0, dropped)
        for k in range(len(rule.source)):
            used: set[int] = set()
            found, fac, how = self._find(ctx, rule.source[k:k + 1], rule.source_kinds, trig, emitted, used)
            if not found:
                continue
            if sources and not ((how == "before" and self._adjacent_before(ctx, found, trig))
                                or how in ("clause_subject", "coordinated_subject")):
                break   # a later strategy only stands in for a subject that sits right before the verb (SVO)
            sources, sfac, shows = found, fac, how
            used.update(id(m) for m in sources)
            first = next((m for m in sources if m.head), sources[0])
            if first.pair_other:
                targets, tfac, thows = [Mention(first.start, first.end, first.pair_other,
                                                self.schema.entities[first.pair_other].kind, "anaphor")], 1.0, "pair"
            else:
                targets, tfac, thows = self._find(ctx, rule.target, rule.target_kinds, trig, emitted, used,
                                                  source=first)
            if not targets and len(sources) > 1 and self.schema.relation_types[rule.type].symmetric:
                # 'ووقعت روسيا ومالي اتفاقية': a coordinated subject of a symmetric event is both sides
                sources, targets, thows = sources[:1], sources[1:], "coordinated"
            if targets:
                break
            if how in ("before", "after"):
                probe, _, probe_how = self._find(ctx, rule.target, rule.target_kinds, trig, emitted, set())
                if probe_how == "prep" and probe[0].entity == first.entity:
                    # 'أشادت موسكو بقرار النيجر، وأعلنت استعدادها للتعاون مع نيامي': that one is the target
                    sources = []
                    continue
        if not sources:
            dropped.append({"rule": rule.id, "why": f"no source ({', '.join(s.strategy for s in rule.source)})",
                            "trigger": ctx.text(trig.start, trig.end)})
            return []
        if not targets:
            dropped.append({"rule": rule.id, "why": f"no target ({', '.join(s.strategy for s in rule.target)})",
                            "trigger": ctx.text(trig.start, trig.end), "source": first.entity})
            return []
        return self._relations(ctx, rule, trig, sources, targets, shows, thows, sfac, tfac, dropped)

    def _relations(self, ctx, rule, trig, sources, targets, shows, thows, sfac, tfac, dropped) -> list[Relation]:
        modality = self._modality(ctx, trig)
        rtype = self.schema.relation_types[rule.type]
        standing = rtype.cameo is None   # membership, affiliation: no event date
        pairs = [(s, t) for s in sources for t in targets]
        if rtype.multiparty:
            # 'Mali, Niger and Burkina Faso signed', 'a meeting of the three countries': every two of them took
            # part; 'talks with Benin and Côte d'Ivoire' are one side's talks with each, not between the two
            together = [sources] + ([targets] if thows == "coordinated" or any(m.group for m in targets) else [])
            pairs += [(a, b) for side in together for k, a in enumerate(side) for b in side[k + 1:]
                      if self._country_of(a.entity) != self._country_of(b.entity)]
        out = []
        dated: dict[int, tuple] = {}
        for source, target in pairs:
            if id(source) not in dated:
                dated[id(source)] = (None, None) if standing else self._date_for(ctx, trig, source)
            date, date_span = dated[id(source)]
            if target.entity == source.entity:
                dropped.append({"rule": rule.id, "why": f"source and target are both {source.entity}"})
                continue
            if rtype.symmetric and ((source.entity == self._country_of(target.entity) and target.kind != "armed_group")
                                    or (target.entity == self._country_of(source.entity)
                                        and source.kind != "armed_group")):
                # 'Mali met Goïta': a state does not meet, or sign with, its own officials
                dropped.append({"rule": rule.id, "why": f"{source.entity} and {target.entity} are one side"})
                continue
            spans = {"trigger": ctx.span(trig.start, trig.end)}
            if shows not in ("subject", "coordinated_subject", "clause_subject", "pair"):
                spans["source"] = ctx.span(source.start, source.end)
            if thows != "pair":
                spans["target"] = ctx.span(target.start, target.end)
            if date_span:
                spans["date"] = date_span
            conf = rule.confidence * sfac * tfac * (0.85 if "anaphor" in (source.how, target.how) else 1.0)
            out.append(ctx.relation(source.entity, rule.type, target.entity, date, modality, rule.id, conf,
                                    spans))
        return out

    @staticmethod
    def _adjacent_before(ctx, found, trig) -> bool:
        last = max(found, key=lambda m: m.end)
        return ctx.words_between(last.end, trig.start) <= 1 and not any(
            ctx.tokens[i].text in ctx.commas or ctx.tokens[i].text in _BOUNDARIES for i in range(last.end, trig.start))

    def _find(self, ctx, slots: tuple[Slot, ...], kinds, trig, emitted, used, source=None):
        """The first strategy that finds an argument wins; coordinated mentions come along."""
        for slot in slots:
            allowed = slot.kinds or kinds
            found = getattr(self, f"_slot_{slot.strategy}")(ctx, slot, trig, emitted, used, source)
            if slot.strategy in ("before", "after") and slot.nearest:
                # the nearest free actor is the argument; one of the wrong kind means this strategy fails
                found = [m for m in found if id(m) not in used and id(m) not in ctx.modifiers and m.entity
                         and (source is None or m.entity != source.entity)][:1]
            found = [m for m in found if self._eligible(ctx, m, allowed, used, source)]
            if found:
                head = found[0]
                group = [head]
                if slot.coordinated and head.how != "subject" and slot.strategy != "between":
                    group = self._coordinated(ctx, head, allowed, used, source)
                for m in group:
                    m.head = m is head
                return group, _FACTOR[slot.strategy], slot.strategy
        return [], 0.0, None

    @staticmethod
    def _eligible(ctx, m, allowed, used, source) -> bool:
        return (m.kind in allowed and id(m) not in used and id(m) not in ctx.modifiers
                and (source is None or (m.entity != source.entity and m.how != "pair")))

    def _coordinated(self, ctx, m: Mention, allowed, used, source) -> list[Mention]:
        """'مالي وبوركينا فاسو والنيجر': the chain of mentions joined by و/،/and around m.

        A comma only joins when the chain ends in a real conjunction ("X، Y وZ"),
        and every member must be introduced like the head (same preposition or none).
        """
        if m.group:   # 'the three countries': the members stand together in one span
            return [x for x in ctx.mentions if x.group and x.start == m.start
                    and (x is m or self._eligible(ctx, x, allowed, used, source))]
        ms = [x for x in ctx.mentions if id(x) not in ctx.modifiers]
        i = next((k for k, x in enumerate(ms) if x is m), None)
        if i is None:   # a carried subject or 'the two sides': nothing stands beside it in the text
            return [m]

        def fits(x):   # 'من مالي وبوركينا فاسو': later conjuncts do not repeat the preposition
            return self._eligible(ctx, x, allowed, used, source) and (
                x.intro == m.intro or (x.intro == "" and x.start > m.start))
        lo = i
        while lo > 0 and ctx.is_coordinated(ms[lo - 1], ms[lo]) and fits(ms[lo - 1]):
            lo -= 1
        hi = i
        while hi + 1 < len(ms) and ctx.is_coordinated(ms[hi], ms[hi + 1]) and fits(ms[hi + 1]):
            hi += 1
        chain = ms[lo:hi + 1]
        if len(chain) > 1 and not any(ctx.is_coordinated(a, b, conjunction=True) for a, b in zip(chain, chain[1:])):
            return [m]
        return chain

    def _slot_before(self, ctx, slot, trig, emitted, used, source):
        limit = _DEFAULT_MAX["before"] if slot.max is None else slot.max
        out = []
        for m in reversed([m for m in ctx.mentions if m.end <= trig.start]):
            if ctx.distance(m.end, trig.start) > limit or ctx.boundary_between(m.end, trig.start):
                break
            openers = [i for i in range(m.end, trig.start) if ctx.tokens[i].text.lower() in self._clause_openers]
            antecedent_end = m.end + 1 if m.end < trig.start and ctx.tokens[m.end].text in self._commas else m.end
            if openers and openers[0] != antecedent_end:
                break   # 'الهجوم الذي استهدف': the relative clause's subject is its antecedent, not an earlier actor
            # an oblique actor is no subject, unless it is the relative clause's antecedent ('with Paris, which
            # withdrew') or stands right against the trigger ('al-Qaeda-linked', 'JNIM, an al-Qaida affiliate')
            if m.intro and limit > 1 and not openers:
                continue
            out.append(m)
        return out

    def _slot_after(self, ctx, slot, trig, emitted, used, source):
        limit = _DEFAULT_MAX["after"] if slot.max is None else slot.max
        # after a long subject ('زار نائب مساعد ...، رودولف عطا الله، مالي') count from the subject
        start = source.end if source is not None and source.start >= trig.end else trig.end
        out = []
        for m in [m for m in ctx.mentions if m.start >= trig.end]:
            if ctx.distance(start, m.start) > limit or ctx.boundary_between(trig.end, m.start):
                if m.start >= start:
                    break
            if m.intro and not (m.start == trig.end and m.intro == ctx.tokens[trig.end - 1].text.lower()):
                # 'linked to X': the preposition belongs to the trigger
                continue
            out.append(m)
        return out

    def _slot_prep(self, ctx, slot, trig, emitted, used, source):
        limit = _DEFAULT_MAX["prep"] if slot.max is None else slot.max
        tokens = ctx.tokens
        # after a subject that follows the verb ('أثنى رئيس ... غويتا على ...'), look after the subject,
        # and after an aside that follows it ('وأشاد بولس، في تصريحات للصحفيين، بـ...')
        i = trig.end
        if source is not None and source.start >= trig.end and source.how != "subject":
            i = source.end
            if i < len(tokens) and tokens[i].text in self._commas:
                close = next((j for j in range(i + 1, min(len(tokens), i + 8)) if tokens[j].text in self._commas), None)
                i = close + 1 if close is not None else i
        seen = 0
        while i < len(tokens) and seen <= limit:
            tok = tokens[i].text
            bare = tok[1:] if tok[:1] in self._conjunction_clitics and tok[1:] in slot.preps else tok
            mention_here = next((m for m in ctx.mentions if m.start == i), None)
            if mention_here is not None and mention_here.intro in slot.preps:
                return [mention_here]
            clitic_prep = (mention_here is None and tok[:1] in slot.preps and tok[:1] in self._clitic_preps
                           and len(tok) > 3)
            if tokens[i].is_word and (bare.lower() in slot.preps or clitic_prep):
                start = i + 1 if bare.lower() in slot.preps else i
                found = self._within_reach(ctx, start, slot.reach, slot.via + (bare.lower(), tok[:1]))
                if found:
                    return [found]
            if tok in _BOUNDARIES or tok in self._commas:
                break   # a comma ends the search once a preposition led nowhere ('بجهودها في ...، وعلى رأسها')
            if tokens[i].is_word:
                seen += 1
            i += 1
        return []

    def _within_reach(self, ctx, start: int, reach: int, via: tuple[str, ...] = ()) -> Mention | None:
        """The first argument mention after a preposition, skipping title words."""
        count = 0
        i = start
        while i < len(ctx.tokens) and count <= reach:
            m = next((m for m in ctx.mentions if m.start == i), None)
            if m is not None:
                if id(m) not in ctx.modifiers and (i == start or not m.intro or m.intro in via):
                    return m
                i = m.end
                continue
            if ctx.tokens[i].text in _BOUNDARIES:
                return None
            if ctx.tokens[i].is_word and i not in ctx.title_tokens:
                count += 1
            i += 1
        return None

    def _slot_gap(self, ctx, slot, trig, emitted, used, source):
        return [m for m in ctx.mentions if trig.start < m.start and m.end < trig.end]

    def _slot_between(self, ctx, slot, trig, emitted, used, source):
        tokens = ctx.tokens
        for i in range(trig.end, min(len(tokens), trig.end + 4)):
            if tokens[i].text.lower() in self._between:
                first = next((m for m in ctx.mentions if m.start > i and id(m) not in ctx.modifiers), None)
                if first is None or ctx.words_between(i + 1, first.start) > 2:
                    return []
                second = next((m for m in ctx.mentions if m.start >= first.end and id(m) not in ctx.modifiers), None)
                if second is None or not ctx.is_coordinated(first, second):
                    return []
                return [first] if source is None else [second]
        return []

    def _slot_subject(self, ctx, slot, trig, emitted, used, source):
        st = ctx.state.subject
        if st and ctx.sentence.index - st[1] <= _SUBJECT_SENTENCES and ctx.arabic:
            ent = self.schema.entities[st[0]]
            return [Mention(trig.start, trig.end, ent.id, ent.kind, "subject")]
        return []

    def _slot_coordinated_subject(self, ctx, slot, trig, emitted, used, source):
        if not self._continues(ctx, trig):
            return []
        earlier = [rel for t, rel in emitted if t.end <= trig.start]
        if not earlier:
            return []
        ent = self.schema.entities[earlier[-1].source]
        return [Mention(trig.start, trig.end, ent.id, ent.kind, "subject")]

    def _slot_pair(self, ctx, slot, trig, emitted, used, source):
        """A dual verb ('وقعا', 'اتفقا'): the two sides of the exchange just told."""
        pair = ctx.state.last_pair
        if source is not None or not pair or None in pair or pair[0] == pair[1]:
            return []
        kind = self.schema.entities[pair[0]].kind
        return [Mention(trig.start, trig.end, pair[0], kind, "pair", pair_other=pair[1])]

    def _slot_clause_subject(self, ctx, slot, trig, emitted, used, source):
        """'وهاجم عطاف باريس، متهما ...': a circumstantial participle shares the sentence's subject: the actor of
        its first event, else the first person the sentence names as a subject ('أما وزير خارجية مالي، ديوب،
        فاعتبر ...، مشيدا ب...')."""
        earlier = [rel for t, rel in emitted if t.start < trig.start]
        if earlier:
            ent = self.schema.entities[earlier[0].source]
            return [Mention(trig.start, trig.end, ent.id, ent.kind, "subject")]
        first = next((m for m in ctx.mentions if m.end <= trig.start and not m.intro and id(m) not in ctx.modifiers
                      and m.how == "name" and m.kind == "person"), None)
        if first is None:
            return []
        return [Mention(trig.start, trig.end, first.entity, first.kind, "subject")]

    def _slot_speaker(self, ctx, slot, trig, emitted, used, source):
        limit = _DEFAULT_MAX["speaker"] if slot.max is None else slot.max
        for sm in ctx.speech:
            if sm.payload != "speech":
                continue
            if sm.end > trig.start:
                break
            for m in ctx.mentions:
                if m.start >= sm.end and ctx.words_between(sm.end, m.start) <= limit and m.end <= trig.start:
                    return [m]
        return []

    # ------------------------------------------------------------------ modality and dates

    def _modality(self, ctx, trig) -> str:
        for name in ("negated", "attempted", "future"):
            for k, spec in enumerate(self.schema.modality.get(name, ())):
                window, clitic = spec["window"], spec["clitic"]
                if clitic and clitic in trig.clitic:
                    return name
                for cue in ctx.cues.get((name, k, "before"), ()):
                    if cue.end <= trig.start and ctx.words_between(cue.end, trig.start) <= window \
                            and not ctx.boundary_between(cue.end, trig.start) \
                            and not self._opens_clause(ctx, cue.end, trig.end):
                        return name
                for cue in ctx.cues.get((name, k, "after"), ()):
                    if cue.start >= trig.end and ctx.words_between(trig.end, cue.start) <= window:
                        return name
        return "fact"

    def _continues(self, ctx, trig) -> bool:
        """'... حيث وقع', '... وطلبت': the verb goes on with the event just told (its actor, its date)."""
        return any(sm.payload == "continuation" and sm.end == trig.start for sm in ctx.speech) or any(
            c in trig.clitic for c in self._conjunction_clitics)

    @staticmethod
    def _nearer_trigger(ctx, trig, tok: int, dist: int) -> bool:
        """Whether another event word stands nearer to the date at ``tok`` (a date belongs to its nearest event).

        An event restated right after itself ('مسؤوليتها عن كمين مسلح استهدف ...') is one event: its words
        do not compete.
        """
        for other in ctx.triggers:
            if other.end <= trig.start and other.payload.type == trig.payload.type \
                    and ctx.words_between(other.end, trig.start) <= _SAME_EVENT_WORDS:
                continue
            if other.end <= trig.start or other.start >= trig.end:
                lo, hi = (tok, other.start) if tok < other.start else (other.end, tok)
                if other.start <= tok < other.end or ctx.words_between(lo, hi) < dist:
                    return True
        return False

    def _opens_clause(self, ctx, start: int, end: int) -> bool:
        """A relative clause between a cue and its trigger ('لم تحدد ... الهجمات التي تبنتها') keeps the cue out."""
        return any(ctx.tokens[i].text.lower() in self._clause_openers for i in range(start, end))

    def _date_for(self, ctx, trig, mention: Mention):
        """The nearest date expression in the trigger's clause; else the date of the event just told
        by the same actor (the lead sentence dates what the next one adds)."""
        source = mention.entity
        best = None
        for tok, expression, value in ctx.dates:
            lo, hi = (tok, trig.start) if tok < trig.start else (trig.end, tok)
            dist = ctx.words_between(lo, hi)
            if self._nearer_trigger(ctx, trig, tok, dist) and not self._continues(ctx, trig):
                continue   # 'أغلقت ... الأحد، في إطار انسحابها': the date is the other event's
            if any(ctx.tokens[i].text.lower() in self._clause_openers for i in range(lo, hi)):
                continue
            if dist <= _DATE_WINDOW and (best is None or dist < best[0]):
                best = (dist, expression, value)
        state = ctx.state
        if best is not None:
            _, expression, value = best
            span = ctx.char_span(expression.start, expression.end)
            if value:
                state.last_dated = (source, value, ctx.sentence.index)
            return value, span
        last = state.last_dated
        if any(sm.payload == "background" and sm.end <= trig.start for sm in ctx.speech):
            return None, None   # 'وكانت الكتلة قد فرضت ...': background, not the event just dated
        carried = mention.how in ("anaphor", "subject", "pair")
        if last and ctx.sentence.index - last[2] <= _INHERIT_SENTENCES and (last[0] == source or (
                carried and self._country_of(last[0]) == self._country_of(source) is not None)):
            state.last_dated = (source, last[1], ctx.sentence.index)   # the narrative goes on, sentence by sentence
            return last[1], None
        return None, None

    # ------------------------------------------------------------------ explain

    def _trace_sentence(self, sentence, tokens, mentions, dates, triggers, relations, dropped):
        def tx(a, b):   # the original words, not their normalized form
            if not tokens:
                return ""
            s, e = sentence.norm.to_original(tokens[a].start, tokens[b - 1].end)
            return sentence.text[s:e]
        return {
            "index": sentence.index, "text": sentence.text,
            "mentions": [{"text": tx(m.start, m.end), "entity": m.entity, "how": m.how + (f", after {m.intro}" if m.intro else "")}
                         for m in mentions],
            "dates": [{"text": d.text, "value": v} for _t, d, v in dates],
            "triggers": [{"text": tx(t.start, t.end), "rule": t.payload.id} for t in triggers],
            "relations": [{"source": r.source, "type": r.type, "target": r.target, "date": r.date,
                           "modality": r.modality, "rule": r.evidence[0].rule} for r in relations],
            "dropped": [d if isinstance(d, dict) else {"rule": "-", "why": d} for d in dropped],
        }


def _word_positions(tokens: list[Token]) -> list[int]:
    """Cumulative word counts: words[i] = number of word tokens before token i."""
    out = [0]
    for t in tokens:
        out.append(out[-1] + (1 if t.is_word else 0))
    return out


class _Ctx:
    """One sentence being processed: tokens, mentions and helpers for offsets."""

    def __init__(self, doc, sentence, tokens, words, mentions, modifiers, dates, state, schema):
        self.doc, self.sentence, self.tokens, self.words = doc, sentence, tokens, words
        self.mentions, self.modifiers, self.dates = mentions, modifiers, dates
        self.state, self._schema = state, schema
        self._cues = self._speech = None
        self.conjunctions: frozenset = frozenset()
        self.commas: frozenset = frozenset()
        self.arabic = any("\u0600" <= ch <= "\u06ff" for ch in sentence.norm.text[:200])
        self.title_tokens: set[int] = set()

    @property
    def cues(self):
        """Modality cues, matched only when a trigger asks (most sentences have none)."""
        if self._cues is None:
            self._cues = {}
            for m in self._schema.cues.find(self.tokens, overlapping=True):
                self._cues.setdefault(m.payload, []).append(m)
        return self._cues

    @property
    def speech(self):
        """Speech verbs and continuation words ('حيث', 'ثم') of the sentence, matched once."""
        if self._speech is None:
            self._speech = self._schema.speech.find(self.tokens, overlapping=True)
        return self._speech

    def words_between(self, a: int, b: int) -> int:
        return max(0, self.words[b] - self.words[a]) if a <= b else 0

    def distance(self, a: int, b: int) -> int:
        """Words between two places, not counting title words ('نظيره البوركيني كاراموكو ...')."""
        return self.words_between(a, b) - sum(1 for i in self.title_tokens if a <= i < b and self.tokens[i].is_word)

    def boundary_between(self, a: int, b: int) -> bool:
        return any(self.tokens[i].text in _BOUNDARIES for i in range(a, b))

    def is_coordinated(self, first: Mention, second: Mention, conjunction: bool = False) -> bool:
        """'X وY', 'X and Y' (and, unless a real conjunction is asked for, 'X، Y')."""
        between = [t.text for t in self.tokens[first.end:second.start]]
        if not between:
            return bool(second.clitic) and second.clitic[0] in self.conjunctions
        if all(i in self.title_tokens for i in range(first.end, second.start)) and between[0][:1] in self.conjunctions:
            return True   # 'غويتا ووزير الخارجية عبد الله ديوب': the second name comes with its title
        if len(between) == 2 and between[0] in self.commas and between[1].lower() in self.conjunctions:
            return True   # 'Mali, Burkina Faso, and Niger': the serial comma
        words = self.conjunctions if conjunction else self.conjunctions | self.commas
        return len(between) == 1 and between[0].lower() in words

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.char_span(self.tokens[a].start, self.tokens[b - 1].end)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.sentence.span(start, end)

    def text(self, a: int, b: int) -> str:
        s, e = self.span(a, b)
        return self.doc.text[s:e]

    def relation(self, source, type_, target, date, modality, rule_id, confidence, spans, role=None) -> Relation:
        doc = self.doc
        ev = Evidence(doc=doc.id, sentence=self.sentence.text, sentence_span=(self.sentence.start, self.sentence.end),
                      spans=spans, rule=rule_id, confidence=round(confidence, 3), outlet=doc.outlet,
                      published=doc.published.isoformat() if isinstance(doc.published, _dt.date) else doc.published,
                      lang=doc.lang)
        return Relation(doc=doc.id, source=source, type=type_, target=target, date=date, modality=modality,
                        role=role, evidence=[ev])
