"""``gazetteer/*.yaml``: the entities, their names in every spelling, and the alias index.

Every alias (and every inflection of a demonym, every interchangeable
spelling from ``spelling.yaml``) goes into the shared lexicon as an
:class:`~graph.schema.compiled.EntityForm`; an alias may name one entity only.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..documents import normalize_arabic
from ..matcher import Category, PatternError, compile_pattern
from ..model import Entity, Role
from .compiled import EntityForm, alias_key
from .language import Grammar
from .yamlio import LDict, LList, Reader, iso, line_of

__all__ = ["load_gazetteer"]

_ROLE_KEYS = frozenset({"role", "of", "from", "to"})
_ENTITY_KEYS = ("id", "kind", "name", "name_ar", "aliases", "adjectives", "country", "roles", "stands_for",
                "members", "parents", "partners", "family_names", "exclude_preceded_by", "exclude_adjective_preceded_by",
                "exclude_followed_by", "exclude_forms", "shared_with", "note")


def load_gazetteer(folder: Path, kinds, grammar: Grammar, matcher: Category, reader: Reader):
    """Entities by id, the alias index (normalized name -> entity ids) for look-ups, alliances' members, and the
    entities each entity belongs to as a standing part (``parents``: Wagner -> Russia) and its standing partners,
    both keyed by the whole."""
    raw, where, spellings = _read_entities(folder, kinds, reader)
    entities: dict[str, Entity] = {}
    alias_owner: dict[str, tuple[str, str, int]] = {}
    loose: dict[str, set[str]] = {}   # loose spelling of a person's full name -> persons
    alias_index: dict[str, set[str]] = {}
    for item, path in raw:
        entity = _entity(item, path, where, grammar, spellings, matcher, alias_owner, loose, reader)
        entities[entity.id] = entity
        for text in [entity.id, str(item.get("name")), str(item.get("name_ar") or "")] + list(entity.aliases):
            if text:
                alias_index.setdefault(alias_key(text), set()).add(entity.id)
    for spelling, owners in loose.items():
        # 'بكاري ياو سنغاري' for 'باكاري ياو سانغاري': only where it names one person and nothing else
        if len(owners) == 1 and alias_key(spelling) not in alias_owner:
            matcher.add(spelling, EntityForm(next(iter(owners)), "name"))
    return (entities, {k: tuple(sorted(v)) for k, v in alias_index.items()}, _members(raw, entities, reader),
            _wholes(raw, entities, "parents", reader), _wholes(raw, entities, "partners", reader),
            _family_names(raw, entities, _surname_spellings(entities, spellings.variants)), _stood_for(raw, entities))


def _surname_spellings(entities, variants: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """Each surname of a person's full name (an alias of two words or more) -> its other one-word spellings that
    ``variants`` give: 'ألب أرسلان بيرقدار' named, a later bare 'بايراكتار' is him too (a bare surname is never an
    alias itself: only the memory of a person named in full, graph.extraction.memory, reads this).

    >>> from graph.model import Entity
    >>> people = {"P": Entity("P", "person", "P", aliases=("علي ترامب", "ترامب"))}
    >>> _surname_spellings(people, [["ترامب", "ترمب"]])
    {'ترامب': ('ترمب',), 'ترمب': ('ترامب',)}
    >>> _surname_spellings({"P": Entity("P", "person", "P", aliases=("ترامب",))}, [["ترامب", "ترمب"]])
    {}
    >>> _surname_spellings({"P": Entity("P", "person", "P", aliases=("علي عبد الباقي",))}, [["عبد ال", "عبدال"]])
    {'الباقي': ('عبدالباقي',)}
    """
    out: dict[str, set[str]] = {}
    for entity in entities.values():
        if entity.kind != "person":
            continue
        for alias in entity.aliases:
            words = normalize_arabic(alias).split()
            if len(words) < 2:
                continue
            forms = {f for f in _with_variants(words[-1], variants) if f and " " not in f}
            for form in forms if len(forms) > 1 else ():
                out.setdefault(form, set()).update(forms - {form})
            # a two-word surname a variant writes as one word ('عبد العاطي' -> 'عبدالعاطي'): that word is him too
            glued = {f for f in _with_variants(" ".join(words[-2:]), variants) if " " not in f} if len(words) > 2 else ()
            for form in glued:
                out.setdefault(words[-1], set()).add(form)
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


def _listed(raw, entities, key: str, reader: Reader):
    """(entity id, the known ids its ``key`` lists) for each entity with that key; unknown ids are problems."""
    for item, path in raw:
        if item.get(key) is not None:
            ids = reader.str_list(item.get(key), path, line_of(item, key), key)
            for m in ids:
                if m not in entities:
                    reader.add(path, line_of(item, key), f"entity {item.get('id')}: unknown {key[:-1]} {m!r}")
            yield str(item.get("id")), tuple(m for m in ids if m in entities)


def _members(raw, entities, reader: Reader) -> dict[str, tuple[str, ...]]:
    """An alliance's member states: what 'the member states' of it refer to (anaphora kind ``members``)."""
    return dict(_listed(raw, entities, "members", reader))


def _wholes(raw, entities, key: str, reader: Reader) -> dict[str, tuple[str, ...]]:
    """Each entity with those that list it under ``key``: ``parents`` (a state's militia, a group's franchise),
    ``partners`` (the states a foreign force serves in)."""
    wholes: dict[str, list[str]] = {}
    for part, ids in _listed(raw, entities, key, reader):
        for whole in ids:
            wholes.setdefault(whole, []).append(part)
    return {whole: tuple(sorted(parts)) for whole, parts in wholes.items()}


def _family_names(raw, entities, spellings: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Add to the surname spellings each person's ``family_names``, the one word that is him alone once he was
    named in full where his name puts the family name first ('ليو قوه تشونغ' named, a later bare 'ليو' is him):
    keyed by the last word of each full name, as the memory of surnames reads it (graph.extraction.memory)."""
    out = {k: set(v) for k, v in spellings.items()}
    for item, _path in raw:
        family = [normalize_arabic(str(f)) for f in item.get("family_names") or ()]
        entity = entities.get(str(item.get("id")))
        if not family or entity is None:
            continue
        for alias in entity.aliases:
            words = normalize_arabic(alias).split()
            if len(words) > 1:
                out.setdefault(words[-1], set()).update(f for f in family if f != words[-1])
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


def _stood_for(raw, entities) -> dict[str, tuple[str, ...]]:
    """Each state with the bodies that stand for it (``stands_for``: its junta): 'the junta' is the government of
    such a state (anaphora ``stood_for``)."""
    out: dict[str, list[str]] = {}
    for item, _path in raw:
        state = item.get("stands_for")
        if state in entities:
            out.setdefault(state, []).append(str(item["id"]))
    return {state: tuple(sorted(bodies)) for state, bodies in out.items()}


class Spellings(NamedTuple):
    """spelling.yaml: substring variants of every alias, and letters interchangeable in people's names."""

    variants: list[list[str]]
    letters: list[list[str]]


def _read_entities(folder: Path, kinds, reader: Reader):
    """Every entity mapping of every file (checked for keys, kind and duplicate ids), and spelling.yaml."""
    where: dict[str, tuple[str, int]] = {}
    raw: list[tuple[LDict, Path]] = []
    if not folder.is_dir():
        reader.add(folder, None, "gazetteer folder is missing")
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    spellings = _spellings(folder, reader)
    for path in files:
        if path.name == "spelling.yaml":
            continue
        data = reader.yaml(path)
        if data is None:
            continue
        items = data.get("entities") if isinstance(data, dict) else None
        if not isinstance(items, list):
            reader.add(path, line_of(data, default=1), "expected {entities: [...]}")
            continue
        for item, line in reader.mappings(items, path, "entity"):
            reader.check_keys(item, _ENTITY_KEYS, ("id", "kind", "name"), path, f"entity {item.get('id')}")
            eid = str(item.get("id", ""))
            if not eid:
                continue
            if eid in where:
                reader.add(path, line, f"duplicate entity id {eid} (first defined at {where[eid][0]}:{where[eid][1]})")
                continue
            if item.get("kind") not in kinds:
                reader.add(path, line_of(item, "kind"), f"entity {eid}: unknown kind {item.get('kind')!r} "
                           f"(one of: {', '.join(kinds)})")
            where[eid] = (str(path), line)
            raw.append((item, path))
    return raw, where, spellings


def _entity(item, path, where, grammar: Grammar, spellings: Spellings, matcher: Category, alias_owner, loose,
            reader: Reader) -> Entity:
    eid = str(item["id"])
    aliases = reader.lang_lists(item.get("aliases"), path, line_of(item, "aliases"), f"{eid}.aliases")
    adjectives = reader.lang_lists(item.get("adjectives"), path, line_of(item, "adjectives"), f"{eid}.adjectives")

    def words(key):
        return {normalize_arabic(w) for w in reader.str_list(item.get(key), path, line_of(item, key), eid)}
    excl_before, excl_after = frozenset(words("exclude_preceded_by")), frozenset(words("exclude_followed_by"))
    excl_forms = words("exclude_forms")
    # words that make only the generated adjective forms something else ('وزراء المالية': finance ministers), while
    # the name after them stays the state ('رئيس وزراء مالي': Mali's prime minister)
    excl_adj_before = excl_before | words("exclude_adjective_preceded_by")
    shared = tuple(str(x) for x in reader.str_list(item.get("shared_with"), path, line_of(item, "shared_with"), eid))
    for other in shared:
        if other not in where:
            reader.add(path, line_of(item, "shared_with"), f"entity {eid}: shared_with unknown entity {other!r}")
    country = item.get("country")
    if country is not None and country not in where:
        reader.add(path, line_of(item, "country"), f"entity {eid}: unknown country {country!r}")
    # a body that is its state in relations (a ruling junta is the government): mentions resolve to it
    stands_for = item.get("stands_for")
    if stands_for is not None and stands_for not in where:
        reader.add(path, line_of(item, "stands_for"), f"entity {eid}: stands_for unknown entity {stands_for!r}")
        stands_for = None
    roles = _roles(item, path, where, reader)
    all_aliases: list[str] = []
    for (lst, form) in ((aliases, "name"), (adjectives, "adjective")):
        for _lang, words_ in lst.items():
            for word in words_:
                generated = _demonym_forms(normalize_arabic(word), grammar) if form == "adjective" else [word]
                if form == "name" and item.get("kind") in grammar.glued_kinds:
                    generated = generated + grammar.glued(normalize_arabic(word))   # 'Burkina Faso' glued
                for g in generated:
                    for variant in _with_variants(g, spellings.variants):
                        if variant in excl_forms:
                            continue
                        try:
                            compile_pattern(variant)
                        except PatternError as err:
                            reader.add(path, line_of(item, "aliases"), f"entity {eid}: {err}")
                            continue
                        key = alias_key(variant) if not (variant.isupper() and len(variant) > 1) else variant
                        owner = alias_owner.get(key)
                        if owner and owner[0] != eid:
                            reader.add(path, line_of(item, "aliases" if form == "name" else "adjectives"),
                                       f"alias {word!r} of {eid} already names {owner[0]} "
                                       f"({owner[1]}:{owner[2]}); an alias must point to one entity")
                            continue
                        if owner:
                            continue
                        alias_owner[key] = (eid, str(path), line_of(item))
                        adjective = form == "adjective"
                        matcher.add(variant, EntityForm(stands_for or eid, form,
                                                        excl_adj_before if adjective else excl_before, excl_after,
                                                        shared if adjective else ()))
                        all_aliases.append(word)
                        if item.get("kind") == "person" and form == "name":
                            for lv in _loose_spellings(variant, grammar.name_vowel(variant), spellings.letters):
                                loose.setdefault(lv, set()).add(eid)
    return Entity(id=eid, kind=str(item.get("kind")), name=str(item.get("name")), name_ar=item.get("name_ar"),
                  aliases=tuple(dict.fromkeys(all_aliases)), country=country, roles=roles)


def _roles(item, path, where, reader: Reader) -> tuple[Role, ...]:
    eid = str(item["id"])
    roles = []
    for j, r in enumerate(item.get("roles") or []):
        rline = item["roles"].item_lines[j] if isinstance(item.get("roles"), LList) else line_of(item, "roles")
        if not isinstance(r, dict) or "role" not in r or "of" not in r:
            reader.add(path, rline, f"entity {eid}: a role needs 'role' and 'of', got {r!r}")
            continue
        if r["of"] not in where:
            reader.add(path, rline, f"entity {eid}: role of unknown entity {r['of']!r}")
        for key in sorted(set(r) - _ROLE_KEYS, key=str):
            reader.add(path, rline, f"entity {eid}: unknown role key {key!r} (a role with a comma needs quotes)")
        roles.append(Role(str(r["role"]), str(r["of"]), iso(r.get("from")), iso(r.get("to"))))
    return tuple(roles)


def _demonym_forms(stem: str, grammar: Grammar) -> list[str]:
    """A demonym stem -> its inflections, with and without the article (in a language that inflects them)."""
    if not grammar.inflects(stem):
        return [stem]
    forms = []
    for ending in grammar.adjective_endings:
        word = stem + ending
        forms += [word, grammar.article + word]
    return forms


def _spellings(root: Path, reader: Reader) -> Spellings:
    path = root / "spelling.yaml"
    if not path.exists():
        return Spellings([], [])
    data = reader.yaml(path)
    groups = (data or {}).get("variants") if isinstance(data, dict) else None
    if groups is None:
        reader.add(path, 1, "expected {variants: [[a, b], ...]}")
        return Spellings([], [])
    letters = []
    for i, group in enumerate(data.get("name_letters") or []):
        if not isinstance(group, list) or len(group) < 2 or any(len(str(g)) != 1 for g in group):
            reader.add(path, data["name_letters"].item_lines[i], f"a letter group needs two or more single "
                       f"letters, got {group!r}")
            continue
        letters.append([normalize_arabic(str(g)) for g in group])
    out = []
    for i, group in enumerate(groups):
        if not isinstance(group, list) or len(group) < 2:
            reader.add(path, groups.item_lines[i], f"a variant group needs two or more spellings, got {group!r}")
            continue
        out.append([normalize_arabic(str(g)) for g in group])
    return Spellings(out, letters)


def _with_variants(alias: str, variants: list[list[str]]) -> set[str]:
    forms = {normalize_arabic(alias)}
    for group in variants:
        for form in list(forms):
            for a in group:
                if a in form:
                    forms.update(form.replace(a, b) for b in group if b != a)
    return forms


def _loose_spellings(name: str, vowel: str, letters=(), limit: int = 16) -> list[str]:
    """Transliterated names write a long vowel after the first letter or not (سانغاري / سنغاري), and some
    letters one way or another (``letters``, from spelling.yaml: g as غ or ج: سانجاري).

    For names of two words or more, every combination of those spellings (up to ``limit``).

    >>> _loose_spellings("باكاري سانغاري", "ا")
    ['باكاري سنغاري', 'بكاري سانغاري', 'بكاري سنغاري']
    >>> _loose_spellings("ياو سانغاري", "ا", [["غ", "ج"]])
    ['ياو سانجاري', 'ياو سنجاري', 'ياو سنغاري']
    """
    words = name.split()
    if len(words) < 2 or not vowel:
        return []
    options = []
    for w in words:
        alt = {w}
        if len(w) > 4 and w[1] == vowel:
            alt.add(w[0] + w[2:])
        elif len(w) > 3 and w[1] != vowel and w[0] != vowel:
            alt.add(w[0] + vowel + w[1:])
        for group in letters:
            for form in list(alt):
                for a in group:
                    if a in form:
                        alt.update(form.replace(a, b) for b in group if b != a)
        options.append(sorted(alt))
    out = [""]
    for alts in options:
        out = [f"{o} {a}".strip() for o in out for a in alts][:limit]
    return [o for o in out if o != name]
