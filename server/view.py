"""The current view: request filters -> the nodes and edges the page draws.

This is the one query the explorer needs that :mod:`graph.queries` does not
hold: a filtered, size-limited subgraph in vis-network's terms. Nodes carry
server-computed positions; relations between the same two actors are drawn
as one edge per type (all its dates and reports behind it), curved apart when
a pair has several types, so labels never stack (``smooth`` is given only for
curved edges).

>>> flt = parse_filter({"types": "MET,VISITED", "from": "2025-09"}, known_types={"MET", "VISITED"})
>>> flt.types, flt.date_from, flt.modalities
(('MET', 'VISITED'), '2025-09', ('fact',))
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Collection, Iterable, Mapping

from graph.documents import normalize_arabic, parse_date_bound
from graph.errors import QueryError
from graph.model import MODALITIES, Edge, Entity
from graph.stores.base import EdgeFilter, GraphStore

__all__ = ["ViewFilter", "Selection", "parse_filter", "search_entities", "select", "build_view", "group_edges",
           "node_json", "curves", "smooth", "month_counts", "edge_label", "confidence"]

_FALSE = {"0", "false", "no", "off"}
_TRUE = {"1", "true", "yes", "on"}
MAX_HOPS = 3


@dataclass(frozen=True)
class ViewFilter:
    """What the user asked to see (the query string of ``/`` and ``/api/graph``)."""

    types: tuple[str, ...] | None = None        # None = every type
    modalities: tuple[str, ...] | None = ("fact",)
    date_from: str | None = None
    date_to: str | None = None
    include_undated: bool = True                # default: only when no window is set (undated=1 keeps them)
    search: str = ""                            # English or Arabic name, alias or id
    ego: str | None = None                      # entity id: only its ego network
    hops: int = 1
    limit: int | None = None                    # most connected nodes drawn; None = all
    min_confidence: float = 0.0                 # edges whose best report is less sure are left out

    def edge_filter(self, actors: Iterable[str] | None = None) -> EdgeFilter:
        """The store's filter; undated edges always come back, so :func:`select` can count those it hides."""
        return EdgeFilter(types=self.types, actors=tuple(actors) if actors is not None else None,
                          modalities=self.modalities, date_from=self.date_from,
                          date_to=self.date_to, include_undated=True)

    def keeps(self, edge: Edge) -> bool:
        """The filters the store does not apply: undated edges and confidence."""
        return ((self.include_undated or edge.date is not None)
                and (self.min_confidence <= 0 or confidence(edge) >= self.min_confidence))


def confidence(edge: Edge) -> float:
    """How sure the surest report of ``edge`` is (the extractor's score, 0 to 1)."""
    return max((ev.confidence for ev in edge.evidence), default=0.0)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _date(args: Mapping[str, str], key: str) -> str | None:
    """A real date at any precision, ASCII digits (``from=2025-13-45`` is a 400, not an empty answer)."""
    return parse_date_bound((args.get(key) or "").strip(), f"{key}=")


def _flag(args: Mapping[str, str], key: str, default: bool) -> bool:
    value = (args.get(key) or "").strip().lower()
    if not value:
        return default
    if value in _TRUE | _FALSE:
        return value in _TRUE
    raise QueryError(f"bad {key}={value!r}: use 1 or 0")


def _int(args: Mapping[str, str], key: str, default: int | None, low: int, high: int | None = None,
         none_words: Collection[str] = ()) -> int | None:
    value = (args.get(key) or "").strip().lower()
    if not value:
        return default
    if value in none_words:
        return None
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < low or (high is not None and number > high):
        bound = f"{low}..{high}" if high is not None else f"at least {low}"
        extra = f" or {'/'.join(none_words)}" if none_words else ""
        raise QueryError(f"bad {key}={value!r}: use a whole number {bound}{extra}")
    return number


def _min_confidence(args: Mapping[str, str]) -> float:
    value = (args.get("conf") or "").strip()
    try:
        number = float(value) if value else 0.0
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise QueryError(f"bad conf={value!r}: use a number from 0 to 1 (the least confidence kept)")
    return number


def parse_filter(args: Mapping[str, str], *, known_types: Collection[str],
                 default_limit: int | None = None) -> ViewFilter:
    """Read and check the filters of a request (``types``, ``modality``, ``from``, ``to``,
    ``undated``, ``conf``, ``q``, ``ego``, ``hops``, ``limit``); bad values raise QueryError."""
    types = None
    if "types" in args:
        types = tuple(_split(args["types"]))
        unknown = [t for t in types if t not in known_types]
        if unknown:
            raise QueryError(f"unknown relation type {unknown[0]!r} in types=: use any of "
                             f"{', '.join(sorted(known_types))}")
    modalities: tuple[str, ...] | None = ("fact",)
    if (args.get("modality") or "").strip():
        words = _split(args["modality"])
        if words in (["any"], ["all"]):
            modalities = None
        else:
            bad = [m for m in words if m not in MODALITIES]
            if bad:
                raise QueryError(f"unknown modality {bad[0]!r}: use any of {', '.join(MODALITIES)} or all")
            modalities = tuple(words)
    date_from, date_to = _date(args, "from"), _date(args, "to")
    if date_from and date_to and date_to < date_from[: len(date_to)]:
        raise QueryError(f"empty time window: from={date_from!r} is after to={date_to!r}")
    return ViewFilter(
        types=types, modalities=modalities, date_from=date_from, date_to=date_to,
        include_undated=_flag(args, "undated", not (date_from or date_to)), search=(args.get("q") or "").strip(),
        ego=(args.get("ego") or "").strip() or None,
        hops=_int(args, "hops", 1, 1, MAX_HOPS),
        limit=_int(args, "limit", default_limit, 1, None, none_words=("all", "0")),
        min_confidence=_min_confidence(args))


def _folded(text: str | None) -> str:
    return normalize_arabic(text or "").casefold()


def search_entities(entities: Iterable[Entity], text: str) -> list[str]:
    """Ids of entities whose id, English or Arabic name or an alias contains ``text``.

    Matching ignores case and Arabic spelling variants (hamza forms, ta marbuta,
    diacritics), as extraction does.
    """
    needle = _folded(text)
    if not needle:
        return []
    return sorted(e.id for e in entities
                  if any(needle in _folded(name) for name in (e.id, e.name, e.name_ar, *e.aliases)))


def curves(n: int) -> list[float]:
    """Signed curvatures that keep ``n`` parallel edges apart (0 = straight).

    >>> curves(1), curves(2), curves(3)
    ([0.0], [0.2, -0.2], [0.0, 0.2, -0.2])
    """
    steps = [0] if n % 2 else []
    k = 1
    while len(steps) < n:
        steps += [k, -k]
        k += 1
    return [min(0.2 * s, 0.9) if s >= 0 else max(0.2 * s, -0.9) for s in steps[:n]]


def smooth(curve: float, frm: str, to: str) -> dict | None:
    """vis-network's smooth option for an edge bent by ``curve`` relative to the sorted pair (None: straight)."""
    if curve == 0:
        return None
    clockwise = (curve > 0) == (frm <= to)
    return {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW", "roundness": abs(curve)}


def _summary(members: list[Edge], details: bool) -> dict:
    """Ids, dates, modalities, report and source counts, best confidence of the edges drawn as one (most
    often just one); without ``details`` (painted views: thousands of edges, clicked not hovered) the ids only."""
    if len(members) == 1:
        e = members[0]
        if not details:
            return {"ids": [e.id]}
        return {"ids": [e.id], "dates": [e.date] if e.date else [], "modalities": [e.modality],
                "reports": len(e.evidence), "sources": e.n_sources, "confidence": round(confidence(e), 3)}
    if not details:
        return {"ids": sorted(e.id for e in members)}
    return {"ids": sorted(e.id for e in members), "dates": sorted({e.date for e in members if e.date}),
            "modalities": sorted({e.modality for e in members}), "reports": sum(len(e.evidence) for e in members),
            "sources": len({d for e in members for d in e.documents}),
            "confidence": round(max(confidence(e) for e in members), 3)}


def edge_label(type_: str, dates: list[str], sources: int) -> str:
    """What an edge says on screen: its type, its last date (and how many more), its sources.

    >>> edge_label("MET", ["2025-10-02", "2025-11-04"], 3)
    'MET 2025-11-04 (+1)\\n3 sources'
    >>> edge_label("MEMBER_OF", [], 1)
    'MEMBER_OF'
    """
    text = type_
    if dates:
        text += f" {dates[-1]}" + (f" (+{len(dates) - 1})" if len(dates) > 1 else "")
    if sources > 1:
        text += f"\n{sources} sources"
    return text


def group_edges(edges: list[Edge], symmetric: Collection[str], details: bool = True) -> list[dict]:
    """One drawn edge per (type, source, target); symmetric types ignore direction.

    Without ``details`` (painted views, thousands of edges), edges carry their ids and no dates, counts or label."""
    groups: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
    for e in edges:
        a, b = (e.source, e.target)
        if e.type in symmetric and b < a:
            a, b = b, a
        groups[(e.type, a, b)].append(e)
    by_pair: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for key in groups:
        by_pair[tuple(sorted(key[1:]))].append(key)
    drawn = []
    for pair, keys in by_pair.items():
        keys.sort()
        for (type_, a, b), curve in zip(keys, curves(len(keys)) if len(keys) > 1 else (0,)):
            members = groups[(type_, a, b)]
            edge = {"id": f"{type_}|{a}|{b}", "from": a, "to": b, "type": type_,
                    "arrows": "" if type_ in symmetric else "to", **_summary(members, details)}
            if details:
                edge["label"] = edge_label(type_, edge["dates"], edge["sources"])
            if curve:
                edge["smooth"] = smooth(curve, a, b)
            drawn.append(edge)
    drawn.sort(key=lambda d: d["id"])
    return drawn


def month_counts(dates: Iterable[str]) -> list[dict]:
    """Relations per month, every month from the first to the last (a year-only date counts in its January).

    >>> month_counts(["2025-11-04", "2025-11", "2026-01-02", "2026"])
    [{'month': '2025-11', 'count': 2}, {'month': '2025-12', 'count': 0}, {'month': '2026-01', 'count': 2}]
    """
    counts = Counter(d[:7] if len(d) >= 7 else f"{d[:4]}-01" for d in dates if d)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append({"month": key, "count": counts.get(key, 0)})
        if key >= last:
            return out
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _ego_edges(store: GraphStore, flt: ViewFilter) -> list[Edge]:
    from graph.queries import ego_network  # the graph engineer's query, shared with the CLI

    return ego_network(store, flt.ego, depth=flt.hops, flt=flt.edge_filter()).edges


@dataclass
class Selection:
    """The edges a filter selects and the part of them drawn (the most connected nodes)."""

    edges: list[Edge]                 # every edge the filter selects
    shown: list[Edge]                 # those between kept nodes
    nodes: list[str]                  # kept node ids, sorted
    degree: Counter
    focus: set[str]
    matches: list[str] | None         # search hits (None: no search)
    undated_hidden: int = 0           # undated edges the filter would otherwise select


def select(store: GraphStore, flt: ViewFilter, *, light: bool = False) -> Selection:
    """Apply ``flt``: search and ego narrow the edges, ``limit`` keeps the most connected nodes.

    ``light``: read edge summaries (no evidence, several times cheaper) when the filter needs no
    evidence (no confidence cut); the ego network is always read whole.
    """
    matches = search_entities(store.entities(), flt.search) if flt.search else None
    read = store.summaries if light and flt.min_confidence <= 0 else store.edges
    if flt.ego:
        edges = _ego_edges(store, flt)
        if matches is not None:
            edges = [e for e in edges if e.source in matches or e.target in matches]
    elif matches is not None:
        edges = read(flt.edge_filter(matches)) if matches else []
    else:
        edges = read(flt.edge_filter())
    kept_edges = [e for e in edges if flt.keeps(e)]
    undated_hidden = 0 if flt.include_undated else sum(
        1 for e in edges if e.date is None and (flt.min_confidence <= 0 or confidence(e) >= flt.min_confidence))
    edges = kept_edges
    focus = set(matches or ()) | ({flt.ego} if flt.ego else set())
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e.source] += 1
        if e.target != e.source:
            degree[e.target] += 1
    ranked = sorted(degree, key=lambda n: (n not in focus, -degree[n], n))
    kept = set(ranked if flt.limit is None else ranked[: flt.limit])
    shown = [e for e in edges if e.source in kept and e.target in kept]
    return Selection(edges, shown, sorted(kept), degree, focus, matches, undated_hidden)


def node_json(node_id: str, entity: Entity | None, position: tuple[float, float] | None, **extra) -> dict:
    """A node as the page draws it (label in English, Arabic name for the hover)."""
    x, y = position or (0.0, 0.0)
    return {"id": node_id, "label": entity.name if entity else node_id,
            "name_ar": entity.name_ar if entity else None, "kind": entity.kind if entity else None,
            "x": round(x, 1), "y": round(y, 1), **extra}


def build_view(store: GraphStore, flt: ViewFilter, *, positions: Mapping[str, tuple[float, float]],
               symmetric: Collection[str], physics_max_nodes: int = 300,
               label_max_edges: int = 200, vis_max_edges: int = 2000) -> dict:
    """The JSON ``/api/graph`` returns: nodes and edges to draw, and what was left out.

    How to draw it: ``physics`` (small views settle with vis-network's physics),
    ``labels`` (edge labels) and ``painted`` (edges painted straight on the
    canvas rather than built as vis-network objects, for big views).
    """
    sel = select(store, flt, light=True)
    drawn = group_edges(sel.shown, symmetric, details=False)
    painted = len(drawn) > vis_max_edges
    if not painted:
        if sel.shown and not isinstance(sel.shown[0], Edge):
            sel = select(store, flt)        # drawn with details (reports, confidence): read the evidence too
        drawn = group_edges(sel.shown, symmetric)
    entities = {e.id: e for e in store.entities()} if sel.nodes else {}
    nodes = [node_json(n, entities.get(n), positions.get(n), degree=sel.degree[n], focus=n in sel.focus)
             for n in sel.nodes]
    return {
        "nodes": nodes, "edges": drawn,
        "total": {"nodes": len(sel.degree), "edges": len(sel.edges)},
        "shown": {"nodes": len(sel.nodes), "edges": len(sel.shown)},
        "omitted": {"nodes": len(sel.degree) - len(sel.nodes), "edges": len(sel.edges) - len(sel.shown)},
        "matches": sel.matches, "limit": flt.limit, "undated_hidden": sel.undated_hidden,
        "physics": len(nodes) <= physics_max_nodes, "labels": len(drawn) <= label_max_edges,
        "painted": painted,
    }
