"""The ``geograph`` command line: a thin layer over :mod:`graph`.

This is the only place that turns :class:`graph.errors.GeographError` into a
message on stderr (one line per problem, no traceback) and exit code 2.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli_output import echo_json, echo_table
from .errors import GeographError

__all__ = ["main"]


class GeographGroup(click.Group):
    """A click group that reports our own errors plainly."""

    def parse_args(self, ctx, args):
        # No path, date or name holds a NUL character; the OS refuses one in a path deep inside a command.
        for arg in args:
            if "\x00" in arg:
                raise click.BadParameter(f"{arg!r} holds a NUL character", ctx=ctx)
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GeographError as err:
            problems = getattr(err, "problems", None) or [str(err)]
            for problem in problems:
                click.echo(f"error: {problem}", err=True)
            ctx.exit(2)


schema_option = click.option(
    "--schema", "schema_dir", type=click.Path(file_okay=False, path_type=Path), envvar="GEOGRAPH_SCHEMA",
    default=None, help="Folder of ontology, gazetteer and rules (default: ./schema or the project's).")


@click.group(cls=GeographGroup)
@click.version_option(package_name="geograph")
def main():
    """Geograph: who did what to whom and when, from Arabic and English news."""


def _warn(problems) -> None:
    """Warnings (ignored files, skipped lines of a news dump) as one stderr line each."""
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)


def _load_schema(schema_dir):
    """The compiled schema (from the cache when compiled before): for commands that extract."""
    from .schema.load import load_schema
    return load_schema(schema_dir)


def _load_entities(schema_dir):
    """The schema's entities without its rules: for commands that only read the graph."""
    from .schema.load import load_entities
    return load_entities(schema_dir)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default="-",
              show_default=True, help="JSONL file to write ('-' for stdout).")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for a single file.")
@click.option("--outlet", default=None, help="Outlet name for a single file.")
@click.option("--include-modal", is_flag=True, help="Also write negated, future and attempted events.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@schema_option
def extract(paths, out, published, outlet, include_modal, progress, schema_dir):
    """Extract relations from articles (files or folders) as JSONL.

    Publication date, outlet and language come from a manifest.yaml beside the
    articles, or from --published/--outlet for a single file.
    """
    from .errors import ExtractionFailed
    from .extract import Extractor
    from .ingest import progress_bar
    from .inputs import article_files, count_articles, read_documents
    from .parallel import relation_rows

    if (published or outlet) and (len(paths) != 1 or Path(paths[0]).is_dir()):
        raise click.UsageError("--published and --outlet apply to a single file")
    schema = _load_schema(schema_dir)
    extractor = Extractor(schema)
    ignored, warnings = [], []
    files = article_files(paths, ignored)
    _warn(ignored)
    show = sys.stderr.isatty() if progress is None else progress
    lines, n_docs, failed = [], 0, []
    for doc in progress_bar(read_documents(files, published=published, outlet=outlet, warnings=warnings),
                            show=show, total=count_articles(files) if show else None, desc="extracting"):
        n_docs += 1
        try:
            found = extractor.extract(doc)
        except ExtractionFailed as err:   # the other articles are still written; the command fails at the end
            failed.append(err)
            continue
        for row in relation_rows(found, include_modal):
            lines.append(json.dumps(row, ensure_ascii=False))
    _warn(warnings)
    text = "\n".join(lines) + ("\n" if lines else "")
    if str(out) == "-":
        click.echo(text, nl=False)
    else:
        from .fileio import write_atomic

        write_atomic(Path(out), text)
        click.echo(f"{len(lines)} relations from {n_docs - len(failed)} documents -> {out}", err=True)
    for err in failed:
        click.echo(f"error: {err}", err=True)
    if failed:
        sys.exit(2)


@main.group()
def rules():
    """Curate the rules under schema/."""


@rules.command("check")
@schema_option
def rules_check(schema_dir):
    """Validate schema/ (ontology, gazetteer, rules) and run every rule's examples."""
    from .extract import Extractor
    from .rules import run_examples

    schema = _load_schema(schema_dir)
    failures = run_examples(schema, Extractor(schema))
    for failure in failures:
        click.echo(f"error: {failure}", err=True)
    n_rules = len(schema.rules)
    n_examples = sum(len(r.examples) for r in schema.rules)
    click.echo(f"{len(schema.entities)} entities, {n_rules} rules, {n_examples} examples: "
               f"{'ok' if not failures else f'{len(failures)} failing'}")
    if failures:
        sys.exit(2)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@schema_option
def explain(file, published, as_json, schema_dir):
    """Per sentence: mentions, dates, triggers, relations emitted, and why candidates were dropped."""
    from .documents import read_documents
    from .extract import Extractor

    schema = _load_schema(schema_dir)
    extractor = Extractor(schema)
    doc = next(read_documents([file], published=published))
    report = extractor.explain(doc)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    click.echo(f"# {doc.id}  published={doc.published}  anchor={report['anchor']}")
    for s in report["sentences"]:
        if not (s["mentions"] or s["triggers"] or s["dates"]):
            continue
        click.echo(f"\n[{s['index']}] {s['text']}")
        for m in s["mentions"]:
            click.echo(f"   mention  {m['text']!r} -> {m['entity']} ({m['how']})")
        for d in s["dates"]:
            click.echo(f"   date     {d['text']!r} -> {d['value']}")
        for t in s["triggers"]:
            click.echo(f"   trigger  {t['text']!r} rule={t['rule']}")
        for r in s["relations"]:
            click.echo(f"   RELATION {r['source']} {r['type']} {r['target']} date={r['date']} "
                       f"modality={r['modality']} rule={r['rule']}")
        for d in s["dropped"]:
            click.echo(f"   dropped  rule={d['rule']}: {d['why']}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most N rows in each section.")
@schema_option
def candidates(paths, as_json, limit, schema_dir):
    """What the rules almost caught: unknown names beside triggers and titles, and
    sentences with a trigger and two known actors that gave no relation (and why).

    Articles are files or folders (with manifest.yaml), as for `geograph extract`.
    """
    from .candidates import collect, render
    from .documents import read_documents
    from .extract import Extractor

    schema = _load_schema(schema_dir)
    extractor = Extractor(schema)
    warnings = []
    report = collect(schema, ((doc.id, extractor.explain(doc)) for doc in read_documents(paths, warnings=warnings)))
    _warn(warnings)
    if as_json:
        click.echo(json.dumps(report.to_json(limit), ensure_ascii=False, indent=1))
    else:
        click.echo(render(report, limit), nl=False)


# --- graph commands ---
# build, add, query, who-met, export: the graph store side (owner: graph engineer).

_STORE_OPTIONS = (
    click.option("--store", "store_kind", type=click.Choice(["networkx", "neo4j"]), envvar="GEOGRAPH_STORE",
                 default=None, help="Graph store (default: networkx; env GEOGRAPH_STORE)."),
    click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="GEOGRAPH_HOME", default=None,
                 help="Data folder of the networkx store (default: .geograph; env GEOGRAPH_HOME)."),
    click.option("--neo4j-uri", envvar="NEO4J_URI", default=None, help="Bolt URI (env NEO4J_URI)."),
    click.option("--neo4j-username", envvar="NEO4J_USERNAME", default=None, help="Env NEO4J_USERNAME."),
    click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default=None, help="Env NEO4J_PASSWORD."),
    click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None, help="Env NEO4J_DATABASE."),
)


def store_options(f):
    """Add the store options to a command; it receives them as one ``store_opts`` dict."""
    import functools

    @functools.wraps(f)
    def wrapper(*args, store_kind, home, neo4j_uri, neo4j_username, neo4j_password, neo4j_database, **kwargs):
        opts = {"kind": store_kind, "home": home, "uri": neo4j_uri, "username": neo4j_username,
                "password": neo4j_password, "database": neo4j_database}
        return f(*args, store_opts=opts, **kwargs)

    for option in reversed(_STORE_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def _open_graph(store_opts: dict, *, must_exist: bool = False, **extra):
    """Open the chosen store; with ``must_exist``, an empty graph is a user mistake."""
    from .errors import StoreError
    from .stores import graph_home, open_store, store_kind

    opts = dict(store_opts)
    kind = store_kind(opts.pop("kind"))
    if kind == "networkx":
        opts = {"home": opts["home"]}
    else:
        opts.pop("home")
    store = open_store(kind, **opts, **{k: v for k, v in extra.items() if v is not None
                                        and (kind == "neo4j" or k == "relation_types")})
    if must_exist and store.counts()["documents"] == 0:
        store.close()
        where = f" in {graph_home(opts.get('home'))}" if kind == "networkx" else ""
        raise StoreError(f"the {kind} graph{where} is empty: run `geograph build` first")
    return store


def _iso_date(value, option: str):
    """A date bound at any precision (YYYY, YYYY-MM, YYYY-MM-DD; ASCII digits, a real date)."""
    from .documents import parse_date_bound

    return parse_date_bound(value, option)


def _graph_summary(store) -> str:
    c = store.counts()
    return f"graph: {c['nodes']} nodes, {c['edges']} edges, {c['evidence']} evidence, {c['documents']} documents"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("--batch-size", type=click.IntRange(1), default=None, help="Neo4j: rows per write transaction.")
@click.option("--rebuild", is_flag=True, help="Empty the graph first (to apply edited rules to every article).")
@click.option("--jobs", "-j", type=int, default=1, show_default=True,
              help="Worker processes extracting articles (the graph is the same for any number).")
@schema_option
@store_options
def build(paths, progress, batch_size, rebuild, jobs, schema_dir, store_opts):
    """Build the graph from articles (files or folders; default: seeds/).

    Articles already in the graph are skipped, so running it twice changes nothing; articles whose text
    or metadata changed, or that read a rule, gazetteer entry or file changed since, are replaced (printing
    how many and why, and per rule the relations added and removed); --rebuild starts from an empty graph.
    """
    from .extract import Extractor
    from .ingest import build as build_graph

    if jobs < 1:
        raise GeographError(f"--jobs {jobs}: give the number of worker processes, 1 or more "
                            f"(this machine has {_cpu_count()} cores)")
    schema = _load_schema(schema_dir)
    with _open_graph(store_opts, relation_types=schema.relation_types, batch_size=batch_size) as store:
        if rebuild:
            store.clear()
        report = build_graph(store, list(paths) or [Path("seeds")], Extractor(schema), progress=progress, jobs=jobs)
        _warn(report.warnings)
        for line in report.rule_lines():
            click.echo(line)
        click.echo(f"{report.summary()}; {_graph_summary(store)}")


def _cpu_count() -> int:
    import os
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", required=True, help="Publication date of the article (YYYY-MM-DD).")
@click.option("--outlet", default=None, help="Outlet that published it (left out: the one stored with the article stays).")
@click.option("--batch-size", type=click.IntRange(1), default=None, help="Neo4j: rows per write transaction.")
@schema_option
@store_options
def add(file, published, outlet, batch_size, schema_dir, store_opts):
    """Add one article to the graph (again with other text or metadata: replaces it; the same: nothing changes)."""
    from .extract import Extractor
    from .ingest import add_article

    schema = _load_schema(schema_dir)
    with _open_graph(store_opts, relation_types=schema.relation_types, batch_size=batch_size) as store:
        report = add_article(store, file, Extractor(schema), published=published, outlet=outlet)
        _warn(report.warnings)
        for line in report.rule_lines():
            click.echo(line)
        what = (f"added {report.added[0]} ({report.relations} relations)" if report.added
                else f"replaced {report.replaced[0]} ({_was(report)}{report.relations} relations)" if report.replaced
                else f"{report.skipped[0]} is already in the graph: nothing changed" if report.skipped
                else "nothing added")
        click.echo(f"{what}; {_graph_summary(store)}")


def _was(report) -> str:
    """``was OLD-ID; `` when the article replaced had another id (its text changed)."""
    old = report.renamed.get(report.replaced[0])
    return f"was {old}; " if old else ""


@main.command()
@click.argument("cypher")
@click.option("--json", "as_json", is_flag=True, help='Print {"columns": [...], "rows": [[...]]}.')
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds before the query is stopped.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter ($NAME), repeatable; VALUE is read as JSON if it can be (3, [\"MLI\"], null), "
                   "else as text.")
@store_options
def query(cypher, as_json, timeout, params, store_opts):
    """Run a read-only Cypher query, e.g. 'MATCH (a {id: $id})-[r:MET]-(b) RETURN b.name, r.date' --param id=MLI."""
    from .cypher import parse_params
    from .stores import store_kind
    from .stores.ladybug_pool import shared_pool

    values = parse_params(params)
    if store_kind(store_opts["kind"]) == "networkx":
        shared_pool().warm(1)       # the query's worker process starts while the graph loads
    with _open_graph(store_opts, must_exist=True) as store:
        result = store.query(cypher, values, timeout=timeout)
    echo_json(result) if as_json else echo_table(result.columns, result.rows)


@main.command("who-met")
@click.argument("actor", required=False)
@click.option("--with", "with_actor", default=None, help="Only meetings with this actor.")
@click.option("--from", "date_from", default=None, help="From this date (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="Up to this date (YYYY[-MM[-DD]]).")
@click.option("--level", type=click.Choice(["person", "country"]), default="person", show_default=True,
              help="country: persons stand for the state they serve (roles at the meeting's date).")
@click.option("--json", "as_json", is_flag=True, help='Print {"columns": [...], "rows": [[...]]}.')
@schema_option
@store_options
def who_met(actor, with_actor, date_from, date_to, level, as_json, schema_dir, store_opts):
    """Who met whom, and when: newest first, undated meetings by the date first reported.

    ACTOR and --with accept ids, English or Arabic names and aliases (ABDOULAYE_DIOP, Diop, ديوب).
    """
    from . import queries

    _iso_date(date_from, "--from")
    _iso_date(date_to, "--to")
    with _open_graph(store_opts, must_exist=True) as store:
        schema = _load_entities(schema_dir)   # aliases for ACTOR, gazetteer roles for the roll-up
        a = queries.resolve_actor(store, actor, schema) if actor else None
        b = queries.resolve_actor(store, with_actor, schema) if with_actor else None
        meetings = queries.who_met(store, a, b, date_from=date_from, date_to=date_to, level=level, schema=schema)
    if as_json:
        echo_json(queries.who_met_result(meetings))
        return
    rows = [[m.a_name, m.b_name, m.date or ("undated, first reported " + m.first_reported if m.first_reported
                                             else "undated"),
             m.precision or "", m.sources, ", ".join(m.documents)] for m in meetings]
    echo_table(["A", "B", "date", "precision", "sources", "documents"], rows)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@store_options
def stats(as_json, store_opts):
    """What the graph holds: articles, outlets, entities by kind, relations by type and modality, dates."""
    from .stats import graph_stats, render_stats

    with _open_graph(store_opts, must_exist=True) as store:
        s = graph_stats(store)
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=1))
        return
    click.echo("\n".join(render_stats(s)))


@main.command()
@click.option("--kind", default=None, help="Only entities of this kind (person, country, organization, ...).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@store_options
def entities(kind, as_json, store_opts):
    """Actors in the graph with their relation counts (every modality), most related first."""
    from .stats import entity_counts

    with _open_graph(store_opts, must_exist=True) as store:
        rows = entity_counts(store, kind)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    echo_table(["id", "name", "kind", "relations", "by type"],
                [[r["id"], r["name"], r["kind"], r["relations"],
                  ", ".join(f"{t} {n}" for t, n in r["by_type"].items())] for r in rows])


@main.group("schema")
def schema_group():
    """Curated copies of the schema."""


@schema_group.command("init")
@click.argument("dest", type=click.Path(path_type=Path))
def schema_init(dest):
    """Copy the shipped schema to DEST (new or empty) to start a curated copy."""
    from .schema.load import init_schema, shipped_schema_dir

    init_schema(dest)
    click.echo(f"copied {shipped_schema_dir()} to {dest}; use it with --schema {dest} "
               f"(or export GEOGRAPH_SCHEMA={dest}), and check it with `geograph rules check --schema {dest}`")


# --- serve ---

@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (this machine only unless told otherwise).")
@click.option("--port", type=click.IntRange(0, 65535), default=5000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--threads", type=click.IntRange(1), default=8, show_default=True, help="Worker threads.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another host name to answer to (beside localhost, 127.0.0.1 and --host); repeatable.")
@schema_option
@store_options
def serve(host, port, threads, allow_hosts, schema_dir, store_opts):
    """Run the explorer (graph, who met whom, Cypher console) on waitress.

    An empty graph is first built from seeds/ (in the working directory).
    """
    from waitress.server import create_server

    from server import create_app

    from .errors import GeographError
    from .extract import Extractor
    from .ingest import build as build_graph

    schema = _load_entities(schema_dir)     # the rules are compiled only to build an empty graph
    with _open_graph(store_opts, relation_types=schema.relation_types) as store:
        if store.counts()["documents"] == 0:
            report = build_graph(store, [Path("seeds")], Extractor(_load_schema(schema_dir)))
            click.echo(f"built the graph from seeds/: {report.summary()}", err=True)
        app = create_app({"STORE": store, "SCHEMA": schema, "WARM": True, "HOST": host, "ALLOWED_HOSTS": allow_hosts})
        try:
            server = create_server(app, host=host, port=port, threads=threads)
        except OSError as err:
            raise GeographError(f"cannot listen on {host}:{port} ({err.strerror}): choose another --port") from err
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"Geograph explorer on http://{shown}:{server.effective_port}/ ({_graph_summary(store)}); "
                   "Ctrl+C to stop")
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()


from . import cli_export  # noqa: E402,F401  (registers `export` on the group above)
from . import cli_store  # noqa: E402,F401  (registers `remove`)

if __name__ == "__main__":  # pragma: no cover
    main()
