"""``geograph remove``: taking articles out of the graph (registered on :func:`graph.cli.main`)."""
from __future__ import annotations

import click

from .cli import _graph_summary, _load_entities, _open_graph, main, schema_option, store_options
from .errors import GeographError

__all__ = ["remove"]


@main.command()
@click.argument("doc_ids", nargs=-1, required=True, metavar="DOC...")
@schema_option
@store_options
def remove(doc_ids, schema_dir, store_opts):
    """Remove articles (by document id) and every relation only they reported.

    Relations other articles also reported stay, with those articles as sources;
    undated reports that had joined a removed dated relation go back to undated.
    """
    from .ingest import remove_documents

    schema = _load_entities(schema_dir)
    with _open_graph(store_opts, relation_types=schema.relation_types) as store:
        missing = set(remove_documents(store, doc_ids))
        removed = [d for d in doc_ids if d not in missing]
        if removed:
            click.echo(f"removed {', '.join(removed)}; {_graph_summary(store)}")
    if missing:
        raise GeographError(f"not in the graph: {', '.join(sorted(missing))} (see `geograph query "
                            "'MATCH ...'` or the graph file's documents for the ids)")
