"""Officials told again by their title alone: 'وزير خارجية النيجر' after 'وزير خارجية النيجر X' names X.

A news story names an official once with his title and name, then often only by the title and his state ('the
Guinean minister began his visit', 'the Nigerien foreign minister visited Cairo in October'). Read as the state,
such a mention makes the state the visitor; the person named before with that title is. A title with no holder
whose affiliation is a state stands for the one person the document named before with a title of that state
whose words hold all of its words (the article aside); two such people, or none, leave the state. A title
the page gives no state ('وزير الخارجية X') is of the holder's own state, as the gazetteer has it. A state's
own body read in the title counts for its state ('وزيرة الخارجية السنغالية': the feminine title holds the
ministry's name), both where the official is named and where the title recalls her.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from .role_holding import RolePhrase
from .sentence import Mention, SentenceView

__all__ = ["officials_named", "officials_recalled", "officials_titled"]


def _words(view: SentenceView, phrase: RolePhrase) -> tuple[frozenset[str], ...]:
    """The title's own words (not its state's), each as its forms: as written, without the language's article,
    without a conjunction or preposition glued to it ('ووزير' is 'وزير' after 'and', 'بوزير' after 'with')."""
    grammar = view.grammar
    article, clitics = grammar.article, set(grammar.conjunction_clitics) | set(grammar.clitic_prepositions)
    out = []
    for i in range(*phrase.title):
        if not view.tokens[i].is_word:
            continue
        low = view.lows[i]
        forms = {low}
        for _layer in range(2):   # a conjunction, then a preposition ('وبوزير')
            forms |= {f[1:] for f in forms if f[:1] in clitics and len(f) > 3}
        for form in tuple(forms):
            if article and form.startswith(article) and len(form) > len(article) + 1:
                forms.add(form[len(article):])
        out.append(frozenset(forms))
    return tuple(out)


def _within(words: tuple[frozenset[str], ...], had: tuple[frozenset[str], ...]) -> bool:
    """Is each word of a title one of the words of the title a person was named with?"""
    known = frozenset().union(*had) if had else frozenset()
    return all(not forms.isdisjoint(known) for forms in words)


def officials_named(view: SentenceView, phrases: Sequence[RolePhrase], schema) -> dict[str, tuple[str, tuple]]:
    """person -> (the state of his title, its words), for each named holder of a title of a state."""
    out: dict[str, tuple[str, tuple]] = {}
    for p in phrases:
        if p.holder is None or p.cancelled or p.holder.kind != "person":
            continue
        if p.affiliation is None:   # a title the page gives no state ('وزير الخارجية X'): his own (the gazetteer's)
            state = schema.country_of(p.holder.entity)
        elif not p.affiliation.group:
            state = _state_of(p.affiliation, schema)
        else:
            continue
        if state is not None:
            out[p.holder.entity] = (state, _words(view, p))
    return out


def _state_of(m: Mention, schema) -> str | None:
    """The state a title's affiliation stands for: a state, or a body of one (its gazetteer country)."""
    entity = schema.entities.get(m.entity)
    if entity is None or entity.kind not in ("country", "organization"):
        return None
    return schema.country_of(m.entity)


def officials_recalled(view: SentenceView, mentions: tuple[Mention, ...], phrases: Sequence[RolePhrase],
                       known: Mapping[str, tuple[str, tuple]], schema) -> tuple[Mention, ...]:
    """The sentence's mentions with each holderless title's state replaced by the official it recalls."""
    if not known:
        return mentions
    swap: dict[int, str] = {}
    for p in phrases:
        m = p.affiliation
        if p.holder is not None or p.cancelled or m is None or m.group or m.key < 0:
            continue
        state = _state_of(m, schema)
        if state is None:
            continue
        words = _words(view, p)
        if not words:
            continue
        who = [person for person, (st, had) in known.items() if st == state and _within(words, had)]
        if len(who) == 1 and not any(n.entity == who[0] for n in mentions):
            swap[m.key] = who[0]
    if not swap:
        return mentions
    return tuple(m.replaced(entity=swap[m.key], kind="person") if m.key in swap else m for m in mentions)


def officials_titled(view: SentenceView, mentions: tuple[Mention, ...], phrases: Sequence[RolePhrase],
                     known: Mapping[str, tuple[str, tuple]], opened: frozenset[int] = frozenset(),
                     verbs: frozenset[int] = frozenset()) -> tuple[Mention, ...]:
    """The sentence's mentions with each definite title that names no one and no state ('the minister met
    officials of X', 'The minister, also, had a meeting with Y') standing for the official the document named
    before with a title whose words hold all of its words: the only one, else the first so named (the story's
    protagonist, 'the minister for Lands ..., X' opening a page on his trip). A title after a separate determiner
    only (grammar ``determiners``): a language that writes its article on the word has no such title here; and a
    bare one (a phrase that runs on names a post of its own: 'the Chair of the Transition Board'), opening
    the sentence or a clause after a comma, or right after a date that opens the sentence (``opened``: the tokens
    such dates end at, 'On Monday the minister met ...'), where a subject stands ('Later, the minister met ...'; not
    'expressed gratitude to the Ambassador': a host thanks a guest the page may not name). An official the
    sentence names after the title is not the one it stands for ('the president was received by President Y': the
    other president named before); ``known`` may hold those the sentence named before it. In a language that writes its article on the word (grammar ``article``), such a
    title right after an event verb is that verb's subject (``verbs``: the tokens event words end at; 'حيث التقى
    الرئيس عقب ذلك مع Y': the president named before).

    >>> import types
    >>> toks = [types.SimpleNamespace(text=w, is_word=True) for w in "the minister met Y".split()]
    >>> g = types.SimpleNamespace(determiners=frozenset({"the"}), article="", conjunction_clitics=(),
    ...                           clitic_prepositions=(), actor_heads_of_prepositions={"of"})
    >>> view = types.SimpleNamespace(tokens=toks, lows=[t.text for t in toks], grammar=g)
    >>> p = RolePhrase((1, 2), None, None, False, (1, 2))
    >>> words = (frozenset({"minister"}), frozenset({"for"}), frozenset({"lands"}))
    >>> [(m.start, m.entity) for m in officials_titled(view, (), [p], {"X": ("GHA", words), "Z": ("AUS", words)})]
    [(0, 'X')]
    """
    if not known:
        return mentions
    grammar, out = view.grammar, list(mentions)
    starts = {m.start for m in mentions}
    for p in phrases:
        a, b = p.title
        if p.holder is not None or p.affiliation is not None or p.cancelled or p.counterpart or a < 1 \
                or _runs_on(view, b):
            continue
        glued = bool(grammar.article) and a in verbs and view.lows[a].startswith(grammar.article) \
            and a not in starts and not any(m.start < b and a < m.end for m in mentions)
        if not glued and (view.lows[a - 1] not in grammar.determiners or a - 1 in starts
                          or any(m.start < b and a - 1 < m.end for m in mentions)
                          or a > 1 and view.tokens[a - 2].text not in view.commas | grammar.item_separators
                          and a - 1 not in opened):
            continue   # (a subject opening its clause only: 'grateful to the Ambassador' may be anyone's envoy)
        words = _words(view, p)
        later = {n.entity for n in out if n.end > a - 1}   # (named at or after the title: someone else)
        who = [person for person, (_state, had) in known.items()
               if words and person not in later and _within(words, had)]
        if who:
            out.append(Mention(a - int(not glued), b, who[0], "person", "anaphor", "", "", key=a - int(not glued)))
    return tuple(sorted(out, key=lambda m: (m.start, m.key < 0))) if len(out) != len(mentions) else mentions


def _runs_on(view: SentenceView, i: int) -> bool:
    """Does a title's phrase run on at token i with its own post's words: 'of' (grammar
    ``actor_heads_of_prepositions``) or a capitalised word ('the Chair of the Transition Board')?"""
    if i >= len(view.tokens) or not view.tokens[i].is_word:
        return False
    return view.lows[i] in view.grammar.actor_heads_of_prepositions or view.tokens[i].text[:1].isupper()
