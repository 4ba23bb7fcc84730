"""How the command line prints answers: aligned text tables and JSON (one place, so every command reads alike)."""
from __future__ import annotations

import json

import click

__all__ = ["cell", "echo_table", "echo_json"]


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def echo_table(columns: list[str], rows: list[list]) -> None:
    cells = [[cell(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def echo_json(result) -> None:
    click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
