"""Extraction as a parallel map over article files with Dask: what runs on a cluster, run here locally.

The extractor is a pure function of an article's text, its metadata and the
compiled schema (:func:`graph.parallel.extract_file`), so a Dask bag of file
paths maps it over any number of workers and gives, in input order, the same
JSON lines as ``geograph extract`` on the same paths.

The compiled schema reaches each worker once, as a Dask delayed object
computed on the client (no schema folder is needed on the workers; passing the
folder instead makes each worker process read it from its schema cache).
Articles are read by the workers, so on a cluster their paths must be
readable there (a shared file system, or fsspec URLs with a reader of your
own). Locally::

    pip install dask
    python docs/examples/dask_extract.py seeds --out relations.jsonl                # processes, all cores
    python docs/examples/dask_extract.py seeds --scheduler synchronous --out r.jsonl

On a cluster, create a ``dask.distributed.Client`` for the scheduler first and
pass ``--scheduler distributed``.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import dask
import dask.bag as db

from graph.inputs import article_files
from graph.parallel import extract_file
from graph.schema.load import load_schema


def _extract(file: tuple[str, bool], schema, include_modal: bool) -> list[dict]:
    path, alone = file
    return extract_file(path, schema, include_modal=include_modal, alone=alone)


def extract_with_dask(paths, schema_dir=None, *, scheduler: str = "processes", partitions: int | None = None,
                      include_modal: bool = False) -> list[dict]:
    """Every relation of the articles under ``paths``, in input order, extracted by Dask workers."""
    # (path, alone): a file named by itself gets the id `geograph extract` gives it (its name and text hash)
    files = [(str(f.path), f.alone) for f in article_files(paths)]
    if not files:
        return []
    schema = dask.delayed(load_schema(schema_dir), name="geograph-schema")   # compiled (or cached) once, here
    bag = db.from_sequence(files, npartitions=partitions or min(len(files), dask.system.CPU_COUNT or 1))
    relations = bag.map(_extract, schema=schema, include_modal=include_modal).flatten()
    return relations.compute(scheduler=None if scheduler == "distributed" else scheduler)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path, help="article files or folders (with manifest.yaml)")
    ap.add_argument("--out", type=Path, required=True, help="JSONL file to write")
    ap.add_argument("--schema", type=Path, default=None, help="schema folder (default: as geograph finds it)")
    ap.add_argument("--scheduler", choices=["processes", "threads", "synchronous", "distributed"],
                    default="processes")
    ap.add_argument("--partitions", type=int, default=None, help="default: one per core of this machine")
    ap.add_argument("--include-modal", action="store_true", help="also negated, future and attempted events")
    args = ap.parse_args()
    rows = extract_with_dask(args.paths, args.schema, scheduler=args.scheduler, partitions=args.partitions,
                             include_modal=args.include_modal)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} relations -> {args.out}")


if __name__ == "__main__":
    main()
