"""The ``geograph`` command line: a thin layer over :mod:`graph`.

This is the only place that turns :class:`graph.errors.GeographError` into a
message on stderr (one line per problem, no traceback) and exit code 2.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import GeographError

__all__ = ["main"]


class GeographGroup(click.Group):
    """A click group that reports our own errors plainly."""

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


def _load_schema(schema_dir):
    from .rules import load_schema
    return load_schema(schema_dir)


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
    from tqdm import tqdm

    from .documents import iter_article_paths, read_documents
    from .extract import Extractor

    if (published or outlet) and (len(paths) != 1 or Path(paths[0]).is_dir()):
        raise click.UsageError("--published and --outlet apply to a single file")
    schema = _load_schema(schema_dir)
    extractor = Extractor(schema)
    files = list(iter_article_paths(paths))
    show = sys.stderr.isatty() if progress is None else progress
    lines = []
    for doc in tqdm(read_documents(files, published=published, outlet=outlet), total=len(files),
                    unit="doc", disable=not show, desc="extracting"):
        for rel in extractor.extract(doc):
            if include_modal or rel.modality == "fact":
                lines.append(json.dumps(rel.to_json(), ensure_ascii=False))
    text = "\n".join(lines) + ("\n" if lines else "")
    if str(out) == "-":
        click.echo(text, nl=False)
    else:
        _write_atomic(Path(out), text)
        click.echo(f"{len(lines)} relations from {len(files)} documents -> {out}", err=True)


def _write_atomic(path: Path, text: str) -> None:
    import os
    import tempfile
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


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


if __name__ == "__main__":  # pragma: no cover
    main()
