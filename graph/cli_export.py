"""`geograph export`: the graph for Gephi, yEd and scripts, or as one HTML page that opens offline.

Registered on the command group of :mod:`graph.cli` (which imports this module last).
"""
from __future__ import annotations

from pathlib import Path

import click

from .cli import _graph_summary, _open_graph, main, store_options
from .export import FORMATS

__all__ = ["export"]


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="graphml/gexf for Gephi and yEd, json (node-link), csv (nodes and edges tables), "
                   "html (one self-contained page drawn with pyvis: opens with no server and no network).")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="File to write; for csv a folder (nodes.csv, edges.csv) or NAME.csv (NAME.nodes.csv, ...).")
@click.option("--title", default="Geograph", show_default=True, help="html: the page's title.")
@store_options
def export(fmt, out, title, store_opts):
    """Export the whole graph (every modality, evidence included; html: every relation drawn, with a legend
    and tooltips giving dates and sources)."""
    from .export import export_graph

    with _open_graph(store_opts, must_exist=True) as store:
        written = export_graph(store, fmt, out, **({"title": title} if fmt == "html" else {}))
        summary = _graph_summary(store)
    click.echo(f"wrote {', '.join(str(p) for p in written)} ({summary})")
