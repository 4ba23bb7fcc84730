"""Many `geograph add` processes at once on one graph (tests/graph and tests/neo4j run it on each store).

Each article is one sentence of our own with its own date, so each gives its own MET edge and
evidence: an article lost by a writer shows as a missing document and a missing edge. A second
sentence of words of its own keeps the articles from reading as republished copies of one another
(graph.provenance: those would count as one source).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ARTICLE = ("Malian Foreign Minister Abdoulaye Diop met US Assistant Secretary Christopher Landau "
           "in Bamako on {day} November 2025.\n{own}\n")
WORDS = ("river harvest market school clinic road bridge well rain season cattle millet teacher nurse radio "
         "festival drought canal football library bakery tailor bicycle lantern pottery weaving orchard fishing "
         "ferry railway museum garden choir theatre mango cotton peanut sorghum honey salt copper tea coffee "
         "bread kite drum flute violin poem novel chess").split()


def write_articles(folder: Path, n: int) -> list[Path]:
    """``n`` articles ``art0.txt``... each in its own sub-folder (so they are single files, as `add` takes)."""
    paths = []
    for i in range(n):
        path = folder / f"batch{i}" / f"art{i}.txt"
        path.parent.mkdir(parents=True)
        own = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(0, 14)).capitalize() + "."
        path.write_text(ARTICLE.format(day=i + 1, own=own), encoding="utf-8")
        paths.append(path)
    return paths


def article_id(path: Path) -> str:
    """The id `geograph add` gives an article file added alone: its name and its text's hash."""
    from graph.inputs import single_id
    return single_id(path.stem, path.read_text(encoding="utf-8"))


def add_all_at_once(paths: list[Path], env: dict[str, str], *extra: str, cwd: Path) -> list[subprocess.CompletedProcess]:
    """Start one `geograph add` per article, all before any ends; wait for every one."""
    geograph = str(Path(sys.executable).with_name("geograph"))
    full_env = {**os.environ, **env}
    procs = [subprocess.Popen([geograph, "add", str(p), "--published", "2025-11-30", *extra], env=full_env, cwd=cwd,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in paths]
    done = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return done
