#!/usr/bin/env python3
"""List, per matched gold relation that carries a date, the dates the system gave it and where they came from.

usage: python tools/date_misses.py GOLD_DIR RELATIONS.jsonl [--all] [--borrowed]

Matching is the scorer's (``../shared/tools/score_relations.py``: type, accepted ids, either order for symmetric
types). Each line shows the gold date, the system's dates, and per system relation its rule, sentence offsets and
the date expression's offsets (open the page text to read them; nothing of it is printed). ``--all`` lists the
right ones too; ``--borrowed`` lists matched gold relations without a date that the system dated.
"""
import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_relations.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_relations", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir")
    ap.add_argument("relations")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--borrowed", action="store_true")
    a = ap.parse_args()
    sr = _scorer()
    gold = sr.load_gold(a.gold_dir)
    rows = defaultdict(list)   # doc -> relations as extracted
    for line in Path(a.relations).read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows[Path(str(r["doc"])).stem].append(r)
    for doc, rels in sorted(gold.items()):
        for g in rels:
            if g["optional"] or (not g["dates"] and not a.borrowed):
                continue
            hits = [r for r in rows.get(doc, ()) if sr.matches(g, (r["source"], r["type"], r["target"]))]
            if not hits:
                continue
            got = {r.get("date") or "" for r in hits}
            if g["dates"]:
                ok = any(x.startswith(gd) for x in got for gd in g["dates"] if x)
                if ok and not a.all:
                    continue
            elif "" in got:
                continue
            else:
                ok = False
            mark = "ok " if ok else "BAD"
            print(f"{mark} {doc}: {sorted(g['sources'])} {g['type']} {sorted(g['targets'])} gold={sorted(g['dates'])}")
            for r in hits:
                ev = (r.get("evidence") or [{}])[0]
                print(f"      sys={r.get('date')!s:10} rule={ev.get('rule')} sent={ev.get('sentence_span')} "
                      f"date_span={ev.get('spans', {}).get('date')} trig={ev.get('spans', {}).get('trigger')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
