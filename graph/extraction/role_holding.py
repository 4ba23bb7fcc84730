"""The HOLDS_ROLE a title phrase states: its target (the affiliation, else the gazetteer's role of the holder).

Split from :mod:`graph.extraction.roles`, which reads the phrases.
"""
from __future__ import annotations

from typing import NamedTuple

from ..model import Relation
from .former_posts import FORMER_WHY
from .sentence import Mention, SentenceView

__all__ = ["ROLE_RULE_ID", "holds_role", "RolePhrase", "TITLE_WORDS", "stranger"]

#: key of titles.yaml -> what a match of one of its words is (the payload :mod:`.roles` reads)
TITLE, COUNTERPART, RANK, CANCEL, OUSTING = "title", "counterpart", "rank", "cancel", "ousting"
REMOVED = "removed"   # words right after the holder's name that tell his removal ('X, who was overthrown')
EPONYM = "eponym"     # a body's head noun with the title its namesake bore ('مركز الملك'): words of a title, no role
TITLE_WORDS = {"titles": TITLE, "counterparts": COUNTERPART, "ranks": RANK, "cancel": CANCEL, "ousting": OUSTING,
               "removed": REMOVED, "eponym": EPONYM}
#: words of titles.yaml that tell a title's end, no word of the title itself ('overthrew', 'مقتل', 'who was ousted')
NOT_TITLE = frozenset({OUSTING, REMOVED})


class RolePhrase(NamedTuple):
    title: tuple[int, int]          # tokens of the title words
    holder: Mention | None
    affiliation: Mention | None
    cancelled: bool                 # 'السابق', 'former': no role now
    tokens: tuple[int, int]         # the whole phrase (its text is the role)
    counterpart: bool = False       # a counterpart word ('نظيره الموريتاني'): the holder's post mirrors another's

#: the id the HOLDS_ROLE relations of appositions carry as their rule (titles.yaml's examples run under it)
ROLE_RULE_ID = "roles.apposition"


def holds_role(view: SentenceView, phrase, schema, phrases=()) -> tuple[Relation | None, list[dict]]:
    """The HOLDS_ROLE a phrase states, or None and why not (``phrases``: the sentence's others)."""
    if phrase.holder is None:
        return None, []
    if phrase.cancelled:
        return None, [{"rule": ROLE_RULE_ID, "why": FORMER_WHY,   # (former_posts reads it)
                       "source": phrase.holder.entity, "title": view.text(*phrase.title)}]
    person = schema.entities[phrase.holder.entity]
    # ('وزيرا دفاع البلدين، X وY': 'the two states' names no entity: each holder's gazetteer state, below)
    target = (phrase.affiliation.entity or None) if phrase.affiliation else None
    known = person.ties
    if phrase.affiliation is not None and known and target not in known and (
            phrase.affiliation.how == "anaphor" or _state_of_other(schema, target, known)):
        # "the country's leader X": an anaphor the gazetteer contradicts is not his state; nor is another state
        # a state's official is given by a slip of the writer ('النيجيري' for 'النيجري') or a title reaching
        # past a verb to the next name
        if stranger(phrase, schema):
            return None, [{"rule": ROLE_RULE_ID, "why": f"another state's title on the bare surname of {person.id}"}]
        target = _gazetteer_target(person, view.doc.published, schema)
    if target is None and phrase.affiliation is None:
        target = _title_served(phrase, phrases, person)
    if target is not None and all(r.of != target for r in person.roles):
        owner = schema.country_of(target)
        if owner != target and any(r.of == owner for r in person.roles):
            target = owner   # 'وزير القوات المسلحة التشادية': a minister of the armed forces serves the state
        else:
            target = _post_body(view.text(*phrase.title), person, target, schema) or (
                (phrase.counterpart or _names_firm(view, phrase)) and _counterpart_body(person, target, schema)) \
                or target
    if target is None:
        target = _titled_body(view.text(*phrase.title), person) or _gazetteer_target(person, view.doc.published, schema)
    if target is None or target == person.id:
        return None, [{"rule": ROLE_RULE_ID, "why": f"no affiliation for {person.id}"}]
    spans = {"trigger": view.span(*phrase.title), "source": view.span(phrase.holder.start, phrase.holder.end)}
    if phrase.affiliation:
        spans["target"] = view.span(phrase.affiliation.start, phrase.affiliation.end)
    role_text = view.text(phrase.tokens[0], phrase.tokens[1])
    rel = view.relation(person.id, "HOLDS_ROLE", target, None, "fact", ROLE_RULE_ID, 0.9, spans, role=role_text)
    return rel, []


def stranger(phrase, schema) -> bool:
    """Whether a title names its holder by one word, a surname the gazetteer gives a known official of
    another state than the title's ('نظيره السنغالي فاضل ديوب', 'his Senegalese counterpart Fatou Diop'): the
    shared surname is no proof, the holder is someone the gazetteer does not know."""
    holder, affiliation = phrase.holder, phrase.affiliation
    if holder is None or affiliation is None or holder.end - holder.start != 1 or affiliation.how == "anaphor" \
            or holder.kind != "person":
        return False
    known = schema.entities[holder.entity].ties
    target = affiliation.entity or None
    return bool(known) and target not in known and _state_of_other(schema, target, known)


def _title_served(phrase, phrases, person) -> str | None:
    """The body of the title a holder's own is attached to ('X, envoy of the Secretary-General of the UN'): the
    next phrase, a holderless title starting where his ends, names it; taken only where the gazetteer gives him a
    role in it (his state's roles stay his own, undated pages)."""
    for p in phrases:
        if p.title[0] == phrase.tokens[1] and p.holder is None and p.affiliation is not None \
                and p.affiliation.entity and any(r.of == p.affiliation.entity for r in person.roles):
            return p.affiliation.entity
    return None


def _post_body(title: str, person, target: str, schema) -> str | None:
    """The body of the holder's gazetteer role named by the very words of the title, where the phrase reached
    only that body's state ('X, chief coordinator at the Dakar 2026 games' organising committee': the committee's
    long name is not in the gazetteer, 'Dakar' gives Senegal; the gazetteer's 'General Coordinator' of the
    committee says which body the coordinator serves). A title naming a state's post ('minister') keeps the
    state: the role's name must end in the title's words.

    >>> from types import SimpleNamespace as NS
    >>> wade = NS(roles=[NS(role="General Coordinator", of="DAKAR_2026_COMMITTEE")])
    >>> schema = NS(country_of=lambda e: "SEN")
    >>> _post_body("general coordinator", wade, "SEN", schema)
    'DAKAR_2026_COMMITTEE'
    >>> _post_body("Coordinator", wade, "SEN", schema)
    'DAKAR_2026_COMMITTEE'
    >>> _post_body("minister", wade, "SEN", schema) is None
    True
    """
    state, words = schema.country_of(target), title.casefold().split()
    bodies = {r.of for r in person.roles if r.role and words and r.role.casefold().split()[-len(words):] == words
              and r.of != state and schema.country_of(r.of) == state}
    return bodies.pop() if len(bodies) == 1 else None


def _names_firm(view: SentenceView, phrase) -> bool:
    """Whether the phrase names its body only by a firm's kind (morphology.yaml ``firm_heads``: 'the chief
    executive of the Nigerian company'), or the word right after it does (where the phrase ends at the state's
    adjective): like a counterpart's, the post is in the holder's one body of that state.

    >>> from types import SimpleNamespace as NS
    >>> view = NS(lows=["chief", "of", "the", "nigerian", "firm", "x"], grammar=NS(firm_heads=frozenset({"firm"})))
    >>> _names_firm(view, NS(tokens=(0, 4)))
    True
    >>> _names_firm(view, NS(tokens=(0, 3)))
    False
    """
    heads, (start, end) = view.grammar.firm_heads, phrase.tokens
    return any(view.lows[i] in heads for i in range(start, min(end + 1, len(view.lows))))


def _counterpart_body(person, target: str, schema) -> str | None:
    """The body a counterpart heads in the state the phrase names, where the gazetteer gives him posts in that
    one body only ('the Senegalese federation's president met his Mauritanian counterpart X': X heads the
    Mauritanian federation, not the state).

    >>> from types import SimpleNamespace as NS
    >>> schema = NS(country_of=lambda e: "MRT")
    >>> _counterpart_body(NS(roles=[NS(of="MRT_FOOTBALL_FEDERATION")]), "MRT", schema)
    'MRT_FOOTBALL_FEDERATION'
    >>> _counterpart_body(NS(roles=[NS(of="MRT_FOOTBALL_FEDERATION"), NS(of="MRT")]), "MRT", schema) is None
    True
    """
    state = schema.country_of(target)
    bodies = {r.of for r in person.roles}
    body = bodies.pop() if len(bodies) == 1 else None
    return body if target == state and body not in (None, state) and schema.country_of(body) == state else None


def _titled_body(title: str, person) -> str | None:
    """The one body of the holder's gazetteer roles whose name ends in the title's words, for a title that names
    no body ('Chief of Defence Staff X' serves the armed forces, 'Minister of Defence X' his state, where the
    gazetteer gives him both posts).

    >>> from types import SimpleNamespace as NS
    >>> musa = NS(roles=[NS(role="Chief of Defence Staff", of="ARMY"), NS(role="Minister of Defence", of="NGA")])
    >>> _titled_body("Minister of Defence", musa), _titled_body("chief of defence staff", musa)
    ('NGA', 'ARMY')
    >>> _titled_body("General", musa) is None
    True
    """
    words = title.casefold().split()
    bodies = {r.of for r in person.roles if r.role and words and r.role.casefold().split()[-len(words):] == words}
    return bodies.pop() if len(bodies) == 1 else None


def _gazetteer_target(person, published, schema) -> str | None:
    """The body a person serves by the gazetteer: his one role's, else his state; for one who serves bodies
    (:func:`_serves_bodies`), the body of the role he holds on the page's date, or on an undated page the one
    role not ended (an Italian minister who is now the EU's envoy)."""
    roles = person.roles
    if _serves_bodies(person, schema):
        if published is not None:
            date = published.isoformat()
            roles = [r for r in roles if r.valid_on(date)]
        else:
            roles = [r for r in roles if r.end is None] or roles
    return roles[0].of if len(roles) == 1 else person.country


def _serves_bodies(person, schema) -> bool:
    """Whether a person's posts are in bodies rather than his state: all outside it (a rebel spokesman whose
    movements merged into a new front), or every post in his state ended and the others all in bodies of his
    state (a former premier named 'President X' heads his party, rulesCT4, b529_01; a former minister now a UN
    envoy keeps his state on an undated page, b474_05)."""
    bodies = {r.of for r in person.roles}
    if len(bodies) < 2:
        return False
    if person.country not in bodies:
        return True
    return all(r.end is not None for r in person.roles if r.of == person.country) \
        and all(schema.country_of(b) == person.country for b in bodies)


def foreign_post(schema, person: str, target: str) -> bool:
    """Whether a rule's HOLDS_ROLE gives a person a post in a state, or a state's body, the gazetteer ties him to
    no state of ('the ties Rabat and Dakar build under the two leaders, King X and Y': the king heads no Senegal).

    >>> from types import SimpleNamespace as NS
    >>> ents = {"K": NS(kind="person", ties={"MAR"}), "MAR": NS(kind="country"), "SEN": NS(kind="country")}
    >>> schema = NS(entities=ents, country_of=lambda e: e if e in ("MAR", "SEN") else None)
    >>> foreign_post(schema, "K", "SEN"), foreign_post(schema, "K", "MAR")
    (True, False)
    """
    entity = schema.entities.get(person)
    known = entity.ties if entity is not None and entity.kind == "person" else ()
    return bool(known) and target not in known and _state_of_other(schema, target, known)


def _state_of_other(schema, target, known) -> bool:
    """Whether ``target`` is a state, or a state's body ('the head of the Nigerian army' written for Niger's),
    and the gazetteer ties the person to other states only."""
    owner, states = schema.country_of(target), {schema.country_of(k) for k in known} - {None}
    return owner in schema.entities and schema.entities[owner].kind == "country" and bool(states) \
        and owner not in states
