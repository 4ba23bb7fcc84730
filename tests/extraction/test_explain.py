"""`geograph explain`: the curator's view of what each sentence yields and why."""
import json

from click.testing import CliRunner

from graph.cli import main

SENTENCE = "أجرى كريستوفر لاندو مساعد وزير الخارجية الأميركي، الثلاثاء، محادثات مع وزير الخارجية المالي عبد الله ديوب."


def test_explain_lists_mentions_dates_triggers_and_relations(tmp_path, schema_dir):
    article = tmp_path / "landau.txt"
    article.write_text(SENTENCE + "\nوأشاد المتحدث بجهود الوسطاء.", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(article), "--published", "2025-11-05",
                                       "--schema", str(schema_dir)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "mention  'كريستوفر لاندو' -> CHRISTOPHER_LANDAU" in out
    assert "mention  'الأميركي' -> USA (adjective)" in out          # original spelling, not the normalized one
    assert "date     'الثلاثاء' -> 2025-11-04" in out
    assert "trigger  'محادثات' rule=met.noun.ar" in out
    assert "RELATION CHRISTOPHER_LANDAU MET ABDOULAYE_DIOP date=2025-11-04" in out
    assert "dropped  rule=praised.verb.ar: no target" in out   # the subject carries over; nobody is praised


def test_explain_json(tmp_path, schema_dir):
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE, encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(article), "--json", "--schema", str(schema_dir)])
    report = json.loads(result.output)
    assert report["anchor"] is None                       # no publication date, no full date in the text
    sentence = report["sentences"][0]
    assert {r["type"] for r in sentence["relations"]} == {"MET", "HOLDS_ROLE"}
    met = next(r for r in sentence["relations"] if r["type"] == "MET")
    assert met["date"] is None                             # a weekday without an anchor stays unresolved
