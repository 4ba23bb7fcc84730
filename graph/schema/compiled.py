"""What :func:`graph.schema.load.load_schema` compiles ``schema/`` into: immutable records.

Extraction reads only these; it never sees YAML. The loaders build them
(``graph/schema/*.py``), one module per file of ``schema/``.
"""
from __future__ import annotations

import copyreg
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping

from ..documents import SentenceRules, normalize_arabic
from ..model import Entity

if TYPE_CHECKING:       # annotations only: who-met reads a Gazetteer without the matcher
    from ..matcher import PhraseMatcher

__all__ = ["Schema", "Gazetteer", "EntityLookup", "RelationType", "Rule", "Slot", "Example", "EntityForm", "Anaphor",
           "CandidateWords", "ACTOR_KINDS", "alias_key"]

ACTOR_KINDS = ("country", "organization", "armed_group", "alliance", "person")


@dataclass(frozen=True)
class RelationType:
    name: str
    symmetric: bool
    meaning: str
    cameo: str | None
    plover: str | None
    note: str | None = None
    multiparty: bool = False   # one event of N parties gives every pair (a summit, a pact of three)
    source_kinds: tuple[str, ...] | None = None   # the kinds that can be its source, whatever a rule says
    presupposes: str | None = None   # the type a fact of this type tells as well (lifting tells imposing)
    acts_for_body: bool = False   # a person's act of this type is the body's or state's they hold a role in
    members_take_part: bool = False   # an alliance alone as its party is its members, every two of them (a summit)
    two_sides: bool = False   # its ends are two sides even when directed: one's own state or body is none (a pledge)
    leaves_own: bool = False   # its source may be a member of its target (a state leaving its own bloc or force)


@dataclass(frozen=True)
class Slot:
    """One way to find an argument, tried in the order the rule lists them.

    ``strategy`` names an entry of :data:`graph.extraction.strategies.STRATEGIES`.
    """

    strategy: str
    preps: tuple[str, ...] = ()
    max: int | None = None     # words; None = the strategy's default
    reach: int = 2             # prep: words between the preposition and the mention
    kinds: tuple[str, ...] | None = None
    coordinated: bool = True
    via: tuple[str, ...] = ()  # prep: prepositions allowed inside the reach ('من سفارتها في باماكو')
    nearest: bool = True       # before/after: the nearest actor or nothing; False: the nearest of the right kind
    apart: bool = False        # after: set off by a comma or bracket (an apposition), not joined by a conjunction
    direct: bool = False       # gap, after: no mention a preposition introduces (a subject or object, not an oblique)
    places: bool = True        # prep: False: a place head after it ('قمة بالعاصمة X') is where, not whom
    past: tuple[str, ...] = ()  # prep: a phrase one of these opens is passed over ('رسالة من الرئيس، X، إلى Y')
    pairs: bool = False        # between: 'the two countries' right after it are both ends (the last exchange's)
    fresh: bool = False        # before: not where an earlier trigger of the type went ('بعد زيارته Z' after a visit to Y)
    oblique: bool = False      # gap: only a mention a preposition introduces ('recalled its envoy to X', not 'X-ian staff')
    joined: bool = False       # after: not right after a comma ('X countries, A and B' lists more parties, no members)
    untitled: bool = False     # after: no demonym right after a title ('زيارة السفير الإماراتي': the envoy's state)
    set_off: bool = False      # after: past a comma, only the actor's own title words between ('بقيادة X، باحتجاز الرئيس Y')


@dataclass(frozen=True)
class Example:
    """A sentence of a rule with every relation it gives (``expect``); see graph.schema.examples."""

    text: str
    expect: tuple[dict, ...]
    published: str | None
    file: str
    line: int


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    source: tuple[Slot, ...]
    target: tuple[Slot, ...]
    source_kinds: tuple[str, ...]
    target_kinds: tuple[str, ...]
    confidence: float
    examples: tuple[Example, ...]
    file: str
    line: int
    note: str | None = None
    visit: str | None = None   # a meeting that is a visit too: 'place' (held somewhere), 'host' (the source hosts)
    claims: bool = False       # its words are its own even when it finds no arguments ('the victim of attacks')
    each_way: bool = False     # both sides did it to each other ('the two sides affirmed their commitment')
    joint: bool = False        # its targets took part together ('a meeting with the leaders of A, B and C')
    respective: bool = False   # the n-th source goes with the n-th target ('A and B and their leaders X and Y')
    outranks: tuple[str, ...] = ()   # types whose triggers inside its words yield once it told a relation
    sides: bool = False        # two sides made it, no pair within one ('reconciliation between A and the four')
    each_with: bool = False    # parties listed with a counterpart after 'with' each made their own ('A, B and C signed
                               # deals with X': no pact among A, B and C)
    own_side: bool = False     # its target may be the source's own side (a state's warrant for its own citizen)
    parties: int = 0           # the fewest distinct parties it tells of ('A, B and C agreed to ...': a joint deal of
                               # three or more; two who agree to boost ties pledge it, pledged.agreed_strengthen.en)
    in_state: bool = False     # a town or region target stands for the state it is in ('opened a consulate in
                               # Dakhla': a tie with Morocco; graph.extraction.assembly.target_of)


@dataclass(frozen=True)
class EntityForm:
    """What a gazetteer match means: the entity, and whether it was a name or an adjective."""

    entity: str
    form: str                      # 'name' | 'adjective'
    exclude_before: frozenset = frozenset()
    exclude_after: frozenset = frozenset()
    shared_with: tuple[str, ...] = ()   # states whose people share this demonym: the one the page named takes it


@dataclass(frozen=True)
class Anaphor:
    """A word that refers back; ``refers_to`` names an entry of graph.extraction.anaphora.ANAPHORS."""

    refers_to: str
    kinds: tuple[str, ...] = ()
    count: int | None = None       # group: how many members ('the three countries' = 3)
    states: str | None = None      # the relation the words state from each referent to what they refer to
                                   # ('the member states': MEMBER_OF the alliance)
    independent: bool = False      # last: only actors the gazetteer ties to no state ('الجماعة' is no Wagner)
    stood_for: bool = False        # topic: only a state a body stands for ('the junta': a state that has one)
    heads: tuple[str, ...] = ()    # last: only an actor one of whose names holds one of these words ('the
                                   # crossing' is the crossing last named, not the last town)
    within: tuple[str, ...] = ()   # topic: only one of these states ('the West African country' is none outside
                                   # the region, however often the article names it)


@dataclass(frozen=True)
class CandidateWords:
    """schema/candidates.yaml: what may not be part of a name the gazetteer does not know yet."""

    stopwords: PhraseMatcher         # words that never start or continue a candidate name (with morphology.yaml's
                                     # prepositions, conjunctions and clause openers) -> 'stopwords'
    never_first: PhraseMatcher       # words that may continue a name but never start one ('ال*') -> 'never_first'
    name_links: frozenset            # lowercase words and marks allowed inside a capitalized name ('of', '-')
    determiners: frozenset = frozenset()   # words between a comma and a title: '<Name>, the foreign minister'
    max_words: int = 4               # the longest candidate, in words
    gap: int = 1                     # stop words skipped between a trigger or title and a name
    reach: int = 6                   # words after a trigger searched for the preposition of a 'prep' argument


class EntityLookup:
    """Look-ups by id, name or alias over ``entities``, ``_alias_index`` and ``relation_types``;
    shared by the compiled :class:`Schema` and its light :class:`Gazetteer` part."""

    def find_entities(self, query: str) -> list[str]:
        """Entity ids for an id, a name or an alias, in Arabic or English.

        >>> schema.find_entities("ديوب")        # doctest: +SKIP
        ['ABDOULAYE_DIOP']
        """
        q = query.strip()
        if q in self.entities:
            return [q]
        if q.upper() in self.entities:
            return [q.upper()]
        return list(self._alias_index.get(alias_key(q), ()))

    def relation_type(self, name: str) -> RelationType:
        return self.relation_types[name]

    def country_of(self, entity_id: str | None) -> str | None:
        """A country itself, else the country an entity belongs to (None if it has none)."""
        if entity_id is None:
            return None
        e = self.entities.get(entity_id)
        if e is None:
            return None
        return e.id if e.kind == "country" else e.country


@dataclass(frozen=True)
class Gazetteer(EntityLookup):
    """The entities of a schema without its rules: what resolving actors, rolling persons up to their
    state and drawing the graph need. Loads in milliseconds (:func:`graph.schema.load.load_entities`);
    commands that do not extract use it instead of the compiled :class:`Schema`."""

    path: Path
    relation_types: Mapping[str, RelationType]
    entity_kinds: tuple[str, ...]
    entities: Mapping[str, Entity]
    members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # alliance -> its member states
    _alias_index: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Schema(EntityLookup):
    """Everything extraction needs, compiled and read-only."""

    path: Path
    relation_types: Mapping[str, RelationType]
    entity_kinds: tuple[str, ...]
    entities: Mapping[str, Entity]
    rules: tuple[Rule, ...]
    morphology: Mapping[str, Any]    # morphology.yaml, normalized (PhraseMatcher reads it)
    grammar: Any                     # graph.schema.language.Grammar: word classes and language facts
    lexicon: PhraseMatcher           # one pass finds all of: ('mention', EntityForm), ('trigger', Rule),
                                     # ('title', 'title'|'counterpart'|'rank'|'cancel'), ('anaphor', Anaphor)
    speech: PhraseMatcher            # speech verbs -> 'speech'; continuation words -> 'continuation'
    modality: Mapping[str, tuple]    # name -> ({'window': n, 'clitic': str}, ...) (one entry per cue list)
    cues: PhraseMatcher              # modality cue words -> (name, entry index, 'before' | 'after')
    boilerplate: Mapping[str, PhraseMatcher]    # action (graph.extraction.boilerplate.ACTIONS) -> matcher
    title_window: int
    dates: Any                       # graph.dates.DateGrammar
    sentence_rules: SentenceRules = SentenceRules()
    pair_types: frozenset = frozenset()   # relation types whose two ends 'the two sides' refers to
    pair_sides: frozenset = frozenset()   # kinds that are a side of their own there (discourse.yaml ``sides``)
    candidates: CandidateWords | None = None   # only the candidates report reads it
    link_runs: Mapping[str, Any] | None = None  # runs of short unpunctuated lines: menus, tickers, teasers
    members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # alliance -> its member states
    standing_members: tuple[str, int] | None = None   # (type, window): an alliance named near a member (discourse.yaml)
    parents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # whole -> entities listing it in parents
    standing_parents: tuple[str, int] | None = None   # (type, window): a part named near its whole (discourse.yaml)
    partners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # state -> entities listing it in partners
    standing_partners: tuple[str, int] | None = None   # (type, window): a force named near its partner (discourse.yaml)
    #: a person's surname -> its other spellings (spelling.yaml variants): a later bare surname in either is him
    surname_spellings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: a state -> the bodies that stand for it (gazetteer ``stands_for``: its junta)
    stood_for: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _alias_index: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: the sentence-wide matchers in one automaton (graph.lexscan.SentenceScan): one scan of a sentence
    scanner: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self):
        # the sentence-wide matchers get their one-scan automaton once, here (graph.lexscan)
        from ..lexscan import SentenceScan
        for matcher in (self.lexicon, self.speech, self.cues):
            matcher.compile()
        if self.candidates is not None:   # (provisional persons ask the stop words of every sentence with a title)
            self.candidates.stopwords.compile()
        object.__setattr__(self, "scanner", SentenceScan({"lexicon": self.lexicon, "speech": self.speech,
                                                          "cues": self.cues}))

    def side_of(self, entity_id: str | None) -> str | None:
        """The side an actor stands for in an exchange ('the two sides'): its country, else itself when its
        kind is a side of its own (discourse.yaml ``sides``): 'signed by Mauritania and the EU ... the two sides
        discussed': the EU is a side. A person whose one current post is in such a body of no state stands for
        that body, not for his own state ('the OIC's Chadian secretary-general met the minister of Y ... the two
        sides discussed': the OIC and Y)."""
        body = self._sole_body(entity_id)
        if body is not None:
            return body
        side = self.country_of(entity_id)
        if side is None and entity_id in self.entities and self.entities[entity_id].kind in self.pair_sides:
            return entity_id
        return side

    def _sole_body(self, entity_id: str | None) -> str | None:
        """The body of no state (a kind of ``pair_sides``) a person's one current post is in, or None."""
        e = self.entities.get(entity_id) if entity_id else None
        if e is None or e.kind != "person" or not e.roles:
            return None
        bodies = {r.of for r in e.roles if r.end is None}
        body = self.entities.get(next(iter(bodies))) if len(bodies) == 1 else None
        return body.id if body is not None and body.kind in self.pair_sides and body.country is None else None

    def gazetteer(self) -> Gazetteer:
        """The part of this schema that who-met and the explorer need (see :class:`Gazetteer`)."""
        return Gazetteer(path=self.path, relation_types=self.relation_types, entity_kinds=self.entity_kinds,
                         entities=self.entities, members=self.members, _alias_index=self._alias_index)


def alias_key(text: str) -> str:
    """How names are compared when looked up: normalized, spaces collapsed, case folded."""
    norm = " ".join(normalize_arabic(text).split())
    return norm.lstrip("@").casefold()


def _mapping_proxy(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


# The records keep their mappings read-only; pickling them (the schema cache, worker processes, Dask) needs this.
copyreg.pickle(MappingProxyType, lambda proxy: (_mapping_proxy, (dict(proxy),)))
