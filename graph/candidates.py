"""What the rules almost caught, for curators (`geograph candidates`, issue 7).

Two lists, built from :meth:`graph.extract.Extractor.explain` traces:

* **names**: runs of name-like words the gazetteer does not know, beside a
  title ("وزير الخارجية التشادي <name>", "<Name>, Togo's foreign minister") or
  beside a trigger that found no argument, on the side its rule looked
  ("اجتمع غويتا مع <name>", "held talks with <Name>"); grouped by normalized
  form, counted, with what they stood beside and one example sentence;
* **missed**: sentences with a trigger and at least two known actors that gave
  no relation from their triggers, grouped by the drop reason the trace records.

What can never be part of a name is data: ``schema/candidates.yaml`` plus the
function words, titles, speech verbs and modality cues the schema already has.
Everything here is a pure function of the schema and the traces.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Iterable

from .documents import normalize, normalize_arabic
from .errors import Problem, SchemaError
from .matcher import longest_matches, split_categories, tokenize
from .rules import ACTOR_KINDS, Schema

__all__ = ["NameCandidate", "MissedReason", "Report", "collect", "render", "sentence_names", "sentence_missed"]

# What a token already is, if anything.
KNOWN, PERSON, DATE, TRIGGER, TITLE, RANK, STOP, CUE, PUNCT, LINK, WORD = (
    "known", "person", "date", "trigger", "title", "rank", "stop", "cue", "punct", "link", "word")


@dataclass
class NameCandidate:
    name: str                        # as first written
    key: str                         # normalized form: the group
    count: int = 0
    beside: list = field(default_factory=list)   # [{what: title|trigger, value: 'وزير الخارجية'|rule id, count}]
    example: dict = field(default_factory=dict)  # {doc, sentence, span}: the name is sentence[span[0]:span[1]]


@dataclass
class MissedReason:
    rule: str
    why: str                         # as the trace's dropped list says it
    count: int = 0
    example: dict = field(default_factory=dict)  # {doc, sentence, triggers, actors}


@dataclass
class Report:
    documents: int = 0
    sentences: int = 0
    missed_sentences: int = 0
    names: list[NameCandidate] = field(default_factory=list)
    missed: list[MissedReason] = field(default_factory=list)

    def to_json(self, limit: int | None = None) -> dict:
        return {**asdict(self), "names": [asdict(c) for c in self.names[:limit]],
                "missed": [asdict(m) for m in self.missed[:limit]]}


# --------------------------------------------------------------------------- one sentence

def _occurrences(tokens, text: str) -> list[tuple[int, int]]:
    """Token spans of ``text`` (words as explain prints them) in the sentence's tokens."""
    want = [t.text for t in tokenize(normalize(text).text)]
    words = [t.text for t in tokens]
    n = len(want)
    return [(i, i + n) for i in range(len(words) - n + 1) if n and words[i:i + n] == want]


def _classify(schema: Schema, tokens, trace: dict, lexicon: dict) -> tuple[list[str], set[int]]:
    """Each token's class, and the tokens that cannot start a name."""
    cand = schema.candidates
    classes = []
    for t in tokens:
        if not t.is_word:
            classes.append(LINK if t.text in cand.name_links else PUNCT)
        else:
            classes.append(LINK if t.text.lower() in cand.name_links else STOP if t.text.isdigit() else WORD)

    def mark(spans, cls):
        for s, e in spans:
            classes[s:e] = [cls] * (e - s)

    mark(((m.start, m.end) for m in cand.stopwords.find(tokens, overlapping=True)), STOP)
    for matcher in (schema.speech, schema.cues):   # verbs and particles: no name, and never skipped
        mark(((m.start, m.end) for m in matcher.find(tokens, overlapping=True)), CUE)
    for m in lexicon.get("title", []):
        mark([(m.start, m.end)], TITLE if m.payload in ("title", "counterpart") else RANK)
    mark(((m.start, m.end) for m in lexicon.get("mention", []) + lexicon.get("anaphor", [])), KNOWN)
    for d in trace["dates"]:
        mark(_occurrences(tokens, d["text"]), DATE)
    for m in trace["mentions"]:
        entity = schema.entities.get(m.get("entity") or "")
        if m.get("entity") and entity is None:
            continue   # a provisional person (graph.extraction.provisional): still a name for the gazetteer
        mark(_occurrences(tokens, m["text"]), PERSON if entity and entity.kind == "person" else KNOWN)
    for t in trace["triggers"]:
        mark(_occurrences(tokens, t["text"]), TRIGGER)
    never_first = set()
    for m in cand.never_first.find(tokens, overlapping=True):
        if m.clitic and classes[m.start] == WORD:   # 'بالمجلس', 'والقوات': a new phrase, never inside a name
            classes[m.start] = STOP
        never_first.update(range(m.start, m.end))
    return classes, never_first


def _past(classes, i: int, step: int, gap: int, skip=()) -> int | None:
    """From token i, past the ``skip`` classes and up to ``gap`` stop words; None at a known person."""
    skipped = 0
    while 0 <= i < len(classes):
        if classes[i] == PERSON and skip:
            return None                 # the title already has its name
        if classes[i] in skip or classes[i] == STOP and skipped < gap:
            skipped += classes[i] == STOP
            i += step
        else:
            break
    return i


def _starts(schema: Schema, tokens, classes, trace: dict, lexicon: dict) -> list[tuple[tuple[str, str], int, int]]:
    """Where an unknown name would stand: (what it would be beside, token index, direction)."""
    cand = schema.candidates
    separators = set(schema.morphology.get("list_separators") or ())
    out = []
    for m in longest_matches(lexicon.get("title", [])):
        if m.payload not in ("title", "counterpart"):
            continue
        s, e = normalize(trace["text"]).to_original(tokens[m.start].start, tokens[m.end - 1].end)
        beside = ("title", trace["text"][s:e])
        # after: 'وزير الخارجية التشادي الجنرال <name>'
        i = _past(classes, m.end, 1, cand.gap, (KNOWN, TITLE, RANK))
        if i is not None:
            out.append((beside, i, 1))
        # before, across a comma: '<name>، مساعد وزير ...', "<Name>, Togo's foreign minister" (not 'نظيره')
        j = m.start - 1
        while j > 0 and tokens[j].text not in separators and (classes[j] in (KNOWN, TITLE, RANK) or len(
                tokens[j].text) < 2 or tokens[j].text.lower() in cand.determiners):
            j -= 1
        if m.payload == "title" and j > 0 and tokens[j].text in separators:
            out.append((beside, j - 1, -1))
    # triggers that found no source or no target, on the side their rule looked
    rules = {r.id: r for r in schema.rules}
    seen: dict[str, int] = {}
    where: dict[tuple[str, str], tuple[int, int]] = {}
    for t in trace["triggers"]:
        occ = _occurrences(tokens, t["text"])
        k = seen[t["text"]] = seen.get(t["text"], -1) + 1   # the k-th trigger with this text is its k-th occurrence
        if occ:
            where[(t["rule"], t["text"])] = occ[min(k, len(occ) - 1)]
    for d in trace["dropped"]:
        rule, why, span = rules.get(d.get("rule")), d.get("why", ""), where.get((d.get("rule"), d.get("trigger")))
        if rule is None or span is None or not why.startswith(("no source", "no target")):
            continue
        beside = ("trigger", rule.id)
        for slot in rule.source if why.startswith("no source") else rule.target:
            if slot.strategy == "before":
                out.append((beside, _past(classes, span[0] - 1, -1, cand.gap), -1))
            elif slot.strategy == "after":
                out.append((beside, _past(classes, span[1], 1, cand.gap), 1))
            elif slot.strategy == "prep":   # 'اجتمع غويتا مع <name>'
                for i in range(span[1], min(len(tokens), span[1] + cand.reach)):
                    if tokens[i].text.lower() in slot.preps:
                        after = _past(classes, i + 1, 1, 0, (KNOWN, TITLE, RANK))
                        if after is not None:
                            out.append((beside, after, 1))
                        break
                    if classes[i] == PUNCT:
                        break
    return out


def _name_like(tokens, classes, i: int) -> bool:
    if not 0 <= i < len(tokens) or classes[i] != WORD or len(tokens[i].text) < 2:
        return False
    first = tokens[i].text[0]
    return first.isupper() or first.lower() == first.upper()   # capitals only where the script has them


def _run(tokens, classes, never_first, i: int, step: int, limit: int) -> tuple[int, int] | None:
    """The longest run of name-like words (links inside) from token i in direction step, as [start, end)."""
    idx: list[int] = []
    while sum(classes[k] != LINK for k in idx) < limit:
        if _name_like(tokens, classes, i) or (
                0 <= i < len(tokens) and classes[i] == LINK and idx and _name_like(tokens, classes, i + step)):
            idx.append(i)
            i += step
        else:
            break
    idx.sort()
    while idx and (idx[0] in never_first or classes[idx[0]] == LINK):   # 'الجماعات المسلحة' is no name
        idx.pop(0)
    return (idx[0], idx[-1] + 1) if idx else None


def _person_follows(classes, i: int, window: int) -> bool:
    """A known person within ``window`` tokens, before any other title: 'مدير مكافحة الإرهاب، <person>'."""
    for c in classes[i:i + window]:
        if c in (PERSON, TITLE, TRIGGER):
            return c == PERSON
    return False


def sentence_names(schema: Schema, trace: dict) -> list[tuple[str, tuple[int, int], list[tuple[str, str]]]]:
    """Unknown names in one explained sentence: (original text, span in the sentence, what it stood beside)."""
    norm = normalize(trace["text"])
    tokens = tokenize(norm.text)
    lexicon = split_categories(schema.scanner.scan(tokens).first)
    classes, never_first = _classify(schema, tokens, trace, lexicon)
    found: dict[tuple[int, int], list] = {}
    for beside, i, step in _starts(schema, tokens, classes, trace, lexicon):
        run = None if i is None else _run(tokens, classes, never_first, i, step, schema.candidates.max_words)
        if run is None or beside[0] == "title" and step > 0 and _person_follows(classes, run[1], schema.title_window):
            continue
        if beside not in found.setdefault(run, []):
            found[run].append(beside)
    out = []
    for (a, b), besides in sorted(found.items()):
        s, e = norm.to_original(tokens[a].start, tokens[b - 1].end)
        if not schema.find_entities(trace["text"][s:e]):
            out.append((trace["text"][s:e], (s, e), besides))
    return out


def sentence_missed(schema: Schema, trace: dict) -> dict[tuple[str, str], list[str]]:
    """Why a sentence with a trigger and two known actors gave no relation from its triggers:
    {(rule, why): trigger texts}; empty when it gave one, or has no trigger, or fewer actors."""
    rules = {t["rule"] for t in trace["triggers"]}
    actors = {m["entity"] for m in trace["mentions"]
              if m.get("entity") in schema.entities and schema.entities[m["entity"]].kind in ACTOR_KINDS}
    if not rules or len(actors) < 2 or any(r["rule"] in rules for r in trace["relations"]):
        return {}
    reasons: dict[tuple[str, str], list[str]] = {}
    for d in trace["dropped"]:
        if d.get("rule") in rules:
            texts = reasons.setdefault((d["rule"], d["why"]), [])
            if d.get("trigger") and d["trigger"] not in texts:
                texts.append(d["trigger"])
    return reasons or {("-", "no argument strategy was tried"): [t["text"] for t in trace["triggers"]]}


# --------------------------------------------------------------------------- the corpus

def _key(text: str) -> str:
    return " ".join(normalize_arabic(text).casefold().split())


def _clitic_free(schema: Schema, key: str, keys) -> str:
    """'بفلان' joins 'فلان' when that was seen too (proclitics from morphology.yaml)."""
    forms = [key]
    for layer in schema.morphology.get("proclitics") or []:
        forms += [f[len(c):] for f in forms for c in layer if f.startswith(c) and len(f) > len(c) + 1]
    return next((f for f in forms[1:] if f in keys), key)


def collect(schema: Schema, traces: Iterable[tuple[str, dict]]) -> Report:
    """Both lists over (document id, explain trace) pairs, each sorted by count."""
    if schema.candidates is None:
        raise SchemaError([Problem("no candidates.yaml: the candidates report needs its stop words",
                                   str(schema.path))])
    report = Report()
    names: dict[str, tuple[NameCandidate, dict]] = {}
    missed: dict[tuple[str, str], MissedReason] = {}
    for doc_id, trace in traces:
        report.documents += 1
        for s in trace["sentences"]:
            report.sentences += 1
            for text, span, besides in sentence_names(schema, s):
                c, counts = names.setdefault(_key(text), (NameCandidate(text, _key(text), example={
                    "doc": doc_id, "sentence": s["text"], "span": list(span)}), {}))
                c.count += 1
                for b in besides:
                    counts[b] = counts.get(b, 0) + 1
            reasons = sentence_missed(schema, s)
            report.missed_sentences += bool(reasons)
            for (rule, why), triggers in reasons.items():
                actors = sorted({m["entity"] for m in s["mentions"] if m.get("entity") in schema.entities
                                 and schema.entities[m["entity"]].kind in ACTOR_KINDS})
                missed.setdefault((rule, why), MissedReason(rule, why, example={
                    "doc": doc_id, "sentence": s["text"], "triggers": triggers, "actors": actors})).count += 1
    merged: dict[str, tuple[NameCandidate, dict]] = {}
    for key in sorted(names, key=len):      # shorter first: 'بفلان' finds 'فلان'
        into = merged.get(_clitic_free(schema, key, merged))
        if into is None:
            merged[key] = names[key]
            continue
        into[0].count += names[key][0].count
        for b, n in names[key][1].items():
            into[1][b] = into[1].get(b, 0) + n
    for c, counts in merged.values():
        c.beside = [{"what": w, "value": v, "count": n} for (w, v), n in sorted(
            counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    report.names = sorted((c for c, _ in merged.values()), key=lambda c: (-c.count, c.key))
    report.missed = sorted(missed.values(), key=lambda m: (-m.count, m.rule, m.why))
    return report


# --------------------------------------------------------------------------- the table

def _excerpt(sentence: str, span=(0, 0), width: int = 70) -> str:
    """The sentence, cut to about ``width`` characters either side of ``span``."""
    lo, hi = max(0, span[0] - width), min(len(sentence), max(span[1], width) + width)
    return ("…" if lo else "") + sentence[lo:hi] + ("…" if hi < len(sentence) else "")


def _table(columns: list[str], rows: list[tuple[list[str], list[str]]]) -> list[str]:
    """Aligned columns (counts to the right); each row carries indented lines under it."""
    widths = [max([len(c)] + [len(r[0][i]) for r in rows]) for i, c in enumerate(columns)]
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    for cells, below in rows:
        out.append("  ".join(v.rjust(w) if i == 0 else v.ljust(w) for i, (v, w) in enumerate(zip(cells, widths)))
                   .rstrip())
        out.extend(" " * (widths[0] + 2) + line for line in below)
    return out


def render(report: Report, limit: int | None = None) -> str:
    """The readable report: the two sections, each sorted by count, at most ``limit`` rows each."""
    names, missed = report.names[:limit], report.missed[:limit]
    lines = [f"{report.documents} documents, {report.sentences} sentences", "",
             f"Names the gazetteer does not know, beside a trigger or a title: {len(report.names)}"
             + (f" (first {len(names)})" if len(names) < len(report.names) else "")]
    if names:
        lines += _table(["count", "name", "beside", "doc"], [(
            [str(c.count), c.name, ", ".join(f"{b['what']} {b['value']}" + (f" x{b['count']}" if b["count"] > 1
                                                                             else "") for b in c.beside), c.example["doc"]],
            [_excerpt(c.example["sentence"], c.example["span"])]) for c in names])
    lines += ["", f"Sentences with a trigger and two known actors that gave no relation: {report.missed_sentences}"
              f", {len(report.missed)} reasons" + (f" (first {len(missed)})" if len(missed) < len(report.missed) else "")]
    if missed:
        lines += _table(["count", "rule", "why", "doc"], [(
            [str(m.count), m.rule, m.why, m.example["doc"]],
            [f"actors {', '.join(m.example['actors'])}; trigger {', '.join(map(repr, m.example['triggers']))}",
             _excerpt(m.example["sentence"])]) for m in missed])
    return "\n".join(lines) + "\n"
