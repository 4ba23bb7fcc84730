"""The Python API for notebooks (``import geograph``): extract relations, open a graph, ask it.

Thin by design: every call is the function the command line runs (extraction,
ingest, who-met, Cypher, stats, export), so a notebook and ``geograph`` give the
same answers on the same graph.

Relations from a sentence (English or Arabic), no graph needed:

>>> from geograph import extract, Graph
>>> [(r.source, r.type, r.target, r.date) for r in extract("زار لاندو مالي يوم 4 نوفمبر 2025.")]
[('CHRISTOPHER_LANDAU', 'VISITED', 'MLI', '2025-11-04')]

A graph in a data folder (the embedded store; ``Graph.open("bolt://host:7687")`` opens Neo4j):

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> article = folder / "talks.txt"
>>> _ = article.write_text("Emmanuel Macron met Abdoulaye Diop on 3 December 2025.", encoding="utf-8")
>>> with Graph.open(folder / "home") as g:
...     print(g.add(article, published="2025-12-04").summary())
...     [(m.a_name, m.b_name, m.date, m.sources) for m in g.who_met("Diop")]
1 document(s) added, 0 already in the graph, 1 relation(s) stored
[('Abdoulaye Diop', 'Emmanuel Macron', '2025-12-03', 1)]

It stays open while ``geograph add`` runs elsewhere: each question first catches up with
what other processes wrote (one ``stat`` of the graph file, or one query on Neo4j).

>>> g = Graph.open(folder / "home")
>>> g.query("MATCH (a {id: $id})-[r:MET]-(b) RETURN b.name, r.date", {"id": "EMMANUEL_MACRON"}).rows
[['Abdoulaye Diop', '2025-12-03']]
>>> G = g.to_networkx()
>>> G.number_of_nodes(), G.number_of_edges(), G.nodes["EMMANUEL_MACRON"]["kind"]
(2, 1, 'person')
>>> g.stats()["relations"]
{'MET': {'fact': 1}}
>>> [(e["id"], e["relations"]) for e in g.entities(kind="person")]
[('ABDOULAYE_DIOP', 1), ('EMMANUEL_MACRON', 1)]
>>> g.close()
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import GeographError
from .model import Relation
from .stores.base import GraphStore, QueryResult

__all__ = ["extract", "Graph", "BOLT_SCHEMES"]

BOLT_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def _extractor(schema: str | Path | None):
    """An extractor with the compiled schema, compiled or read from the cache once per process
    (the same per-process cache :func:`graph.parallel.extract_file` uses)."""
    from .extract import Extractor
    from .parallel import _schema
    from .schema.load import default_schema_dir

    return Extractor(_schema(schema or default_schema_dir()))


def _documents(items: Any, published: str | None, outlet: str | None, lang: str | None) -> Iterable:
    """Documents from texts and paths: a :class:`~pathlib.Path`, or a string naming an existing file
    or folder, is read as article(s) (manifest.yaml beside them applies); any other string is a text.
    What the command line would warn about (files ignored, bad dump lines) becomes a Python warning."""
    from .documents import Document, parse_date
    from .inputs import read_documents

    if isinstance(items, (str, Path)):
        items = [items]
    for n, item in enumerate(items, 1):
        if isinstance(item, Path) or (isinstance(item, str) and "\n" not in item and len(item) < 4096
                                      and Path(item).exists()):
            problems: list = []
            yield from read_documents([item], published=published, outlet=outlet, warnings=problems)
            for problem in problems:
                warnings.warn(str(problem), stacklevel=3)
        elif isinstance(item, str):
            yield Document.from_text(item, id=f"text{n}", published=parse_date(published, "published"),
                                     outlet=outlet, lang=lang)
        else:
            raise GeographError(f"extract() takes texts and paths, not {type(item).__name__}: {item!r:.60}")


def extract(texts_or_paths: str | Path | Iterable[str | Path], *, published: str | None = None,
            outlet: str | None = None, lang: str | None = None, include_modal: bool = False,
            schema: str | Path | None = None) -> list[Relation]:
    """The relations stated by texts or article files (``geograph extract`` as a function).

    ``published`` (YYYY-MM-DD) anchors relative dates ("on Tuesday"); ``include_modal`` also
    returns negated, future and attempted events; ``schema`` is a schema folder (default:
    ``GEOGRAPH_SCHEMA``, else the shipped one). Texts get the ids ``text1``, ``text2``...
    """
    from .ingest import extract_with_metadata

    extractor = _extractor(schema)
    found: list[Relation] = []
    for doc in _documents(texts_or_paths, published, outlet, lang):
        # as `geograph extract` writes them (the graph adds the schema fingerprint when it stores them)
        found += [r for r in extract_with_metadata(extractor, None, doc) if include_modal or r.modality == "fact"]
    return found


class Graph:
    """A graph store with the analyst's questions as methods. Open it with :meth:`open`."""

    def __init__(self, store: GraphStore, schema: str | Path | None = None):
        from .schema.load import load_entities

        self.store = store
        self.schema_dir = schema
        self.gazetteer = load_entities(schema)    # names and aliases for who_met, the roll-up's roles

    @classmethod
    def open(cls, where: str | Path | None = None, *, schema: str | Path | None = None, **options: Any) -> "Graph":
        """A data folder (default ``GEOGRAPH_HOME``, else ``.geograph``) for the embedded store, or a
        ``bolt://`` / ``neo4j://`` URI for Neo4j (``username``, ``password``, ``database`` as options,
        else ``NEO4J_USERNAME``...)."""
        from .schema.load import load_entities
        from .stores import open_store

        relation_types = load_entities(schema).relation_types
        if isinstance(where, str) and where.lower().startswith(BOLT_SCHEMES):
            store = open_store("neo4j", uri=where, relation_types=relation_types, **options)
        else:
            store = open_store("networkx", home=where, relation_types=relation_types, **options)
        return cls(store, schema)

    def add(self, paths: str | Path | Iterable[str | Path], *, published: str | None = None,
            outlet: str | None = None):
        """Add articles (files or folders; ``published``/``outlet`` for a single file) as ``geograph
        build``/``add`` do; returns the :class:`~graph.ingest.IngestReport`."""
        from .ingest import add_article, build

        paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
        extractor = _extractor(self.schema_dir)
        self.store.refresh()
        if published or outlet:
            if len(paths) != 1 or Path(paths[0]).is_dir():
                raise GeographError("published and outlet apply to a single article file")
            report = add_article(self.store, paths[0], extractor, published=published, outlet=outlet)
        else:
            report = build(self.store, paths, extractor, progress=False)
        return report

    def who_met(self, actor: str | None = None, with_: str | None = None, *, date_from: str | None = None,
                date_to: str | None = None, level: str = "person") -> list:
        """Meetings, newest first (:class:`~graph.queries.Meeting` rows); actors by id, name or alias."""
        from . import queries

        self.store.refresh()
        a = queries.resolve_actor(self.store, actor, self.gazetteer) if actor else None
        b = queries.resolve_actor(self.store, with_, self.gazetteer) if with_ else None
        return queries.who_met(self.store, a, b, date_from=date_from, date_to=date_to, level=level,
                               schema=self.gazetteer)

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float = 10.0) -> QueryResult:
        """Read-only Cypher with ``$name`` parameters: ``.columns`` and ``.rows``
        (``pandas.DataFrame(r.rows, columns=r.columns)`` for a table)."""
        self.store.refresh()
        return self.store.query(cypher, params, timeout=timeout)

    def to_networkx(self):
        """The whole graph as a NetworkX MultiDiGraph (entity ids as nodes, scalar attributes),
        ready for networkx's algorithms; as ``geograph export`` writes it."""
        from .export import flat_graph

        self.store.refresh()
        return flat_graph(self.store)

    def stats(self) -> dict[str, Any]:
        """What the graph holds (``geograph stats --json``)."""
        from .stats import graph_stats

        self.store.refresh()
        return graph_stats(self.store)

    def entities(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Actors with their relation counts, most related first (``geograph entities --json``)."""
        from .stats import entity_counts

        self.store.refresh()
        return entity_counts(self.store, kind)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        c = self.store.counts()
        return f"<Graph {self.store.name}: {c['nodes']} actors, {c['edges']} relations, {c['documents']} articles>"
