"""The rules are data with examples: every example runs, every broken file is reported well."""
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.documents import Document
from graph.errors import SchemaError
from graph.extract import Extractor
from graph.rules import load_schema, run_examples
from graph.schema.examples import states_fact_of


def test_every_rule_example_holds(schema, extractor):
    failures = run_examples(schema, extractor)
    assert failures == [], "\n".join(failures)


def test_every_rule_has_positive_and_negative_examples(schema):
    for rule in schema.rules:
        assert any(states_fact_of(e, rule.type) for e in rule.examples), rule.id
        assert not all(states_fact_of(e, rule.type) for e in rule.examples), rule.id


def test_every_relation_type_has_a_rule_or_a_mechanism(schema):
    covered = {r.type for r in schema.rules} | {"HOLDS_ROLE"}
    assert covered == set(schema.relation_types)


def test_ontology_carries_cameo_and_plover(schema):
    assert schema.relation_types["MET"].cameo == "040"
    assert schema.relation_types["SANCTIONED"].plover == "SANCTION"
    member = schema.relation_types["MEMBER_OF"]
    assert member.cameo is None and member.note


def test_rules_check_command_passes(schema_dir):
    result = CliRunner().invoke(main, ["rules", "check", "--schema", str(schema_dir)])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


def _errors(schema_copy):
    with pytest.raises(SchemaError) as info:
        load_schema(schema_copy)
    return [str(p) for p in info.value.problems]


def test_malformed_yaml_names_file_and_line(schema_copy):
    path = schema_copy / "rules" / "meetings.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("rules:") + 1
    lines.insert(at, "  - id: [unclosed")
    path.write_text("\n".join(lines), encoding="utf-8")
    errors = _errors(schema_copy)
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:{at + 2}:") and "invalid YAML" in errors[0], errors


def test_unknown_relation_type_is_reported_with_line(schema_copy):
    path = schema_copy / "rules" / "sanctions.yaml"
    text = path.read_text(encoding="utf-8").replace("type: SANCTIONED", "type: SANCTIONS", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "type: SANCTIONS" in l)
    errors = _errors(schema_copy)
    assert any(e.startswith(f"{path}:{line}:") and "unknown relation type 'SANCTIONS'" in e for e in errors), errors


@pytest.mark.parametrize("entry, line, message", [
    # one alias naming two entities
    ("  - id: NOT_MALI\n    kind: organization\n    name: Not Mali\n    aliases: {ar: [مالي]}\n",
     5, "already names MLI"),
    ("  - id: SOME_BODY\n    kind: organization\n    name: Some Body\n    name: Another Body\n",
     5, "duplicate key 'name'"),
    # unquoted in a flow mapping, "Minister of Oil, Gas and Mines" becomes the role "Minister of Oil" plus a key
    ("  - id: SOME_MINISTER\n    kind: person\n    name: Some Minister\n    roles:\n"
     "      - {role: Minister of Oil, Gas and Mines, of: MLI}\n", 6, "unknown role key 'Gas and Mines'"),
])
def test_a_gazetteer_mistake_is_reported_at_its_line(schema_copy, entry, line, message):
    extra = schema_copy / "gazetteer" / "zz_test.yaml"
    extra.write_text("entities:\n" + entry, encoding="utf-8")
    errors = _errors(schema_copy)
    assert any(e.startswith(f"{extra}:{line}:") and message in e for e in errors), errors


def test_all_problems_are_reported_at_once(schema_copy):
    (schema_copy / "rules" / "broken.yaml").write_text(
        "rules:\n  - id: x\n    type: NOPE\n    trigger: [foo]\n    source: [sideways]\n    target: [after]\n",
        encoding="utf-8")
    errors = _errors(schema_copy)
    assert sum("broken.yaml" in e for e in errors) >= 3   # unknown type, unknown strategy, no examples


def test_cli_reports_schema_errors_without_traceback(schema_copy, tmp_path):
    (schema_copy / "rules" / "broken.yaml").write_text("rules: [ {id: x, type: NOPE", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("زار لاندو مالي.", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--schema", str(schema_copy)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        line for line in result.output.strip().splitlines() if line.startswith("error: ")]
    assert "broken.yaml:1" in result.output


def test_non_utf8_article_is_a_clear_error(tmp_path, schema_dir):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("زار لاندو مالي".encode("cp1256"))
    result = CliRunner().invoke(main, ["extract", str(bad), "--schema", str(schema_dir)])
    assert result.exit_code == 2
    assert result.output.strip() == result.output.strip().splitlines()[0]
    assert str(bad) in result.output and "not UTF-8" in result.output


def test_two_gaps_in_a_row_are_reported_with_their_line(schema_copy):
    # 'X ... ... Y' once reached the matcher and failed there with an AttributeError on every article
    path = schema_copy / "rules" / "sanctions.yaml"
    text = path.read_text(encoding="utf-8")
    assert "فرض ... عقوبات," in text
    path.write_text(text.replace("فرض ... عقوبات,", "فرض ... ... عقوبات,", 1), encoding="utf-8")
    line = text[:text.index("فرض ... عقوبات,")].count("\n") + 1
    errors = _errors(schema_copy)
    assert any(e.startswith(f"{path}:{line}:") and "'...' twice in a row" in e for e in errors), errors


def test_a_bracket_in_a_letter_range_is_reported_with_its_line(schema_copy):
    # Python only warns about "[[" (a FutureWarning the analyst would see scroll past); here it is an error
    path = schema_copy / "languages" / "ar.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'glued_letters: "\\u0621-\\u064A"' in text
    path.write_text(text.replace('glued_letters: "', 'glued_letters: "[', 1), encoding="utf-8")
    errors = _errors(schema_copy)
    line = text[:text.index("glued_letters:")].count("\n") + 1
    assert any(e.startswith(f"{path}:{line}:") and "not a range of letters" in e for e in errors), errors


def test_on_and_no_are_words_not_booleans(schema):
    # YAML 1.1 reads on/no/yes/off as booleans; the schema's prepositions and cues are words
    assert "on" in schema.morphology["prepositions"]


def _example_failures(schema_copy, old: str, new: str) -> list[str]:
    path = schema_copy / "rules" / "meetings.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    schema = load_schema(schema_copy)
    return run_examples(schema, Extractor(schema))


def test_an_example_lists_every_relation_its_sentence_gives(schema_copy):
    # the sentence also states Landau's visit: an example that leaves it out fails, whichever rule makes it
    failures = _example_failures(
        schema_copy,
        "expect: [{source: CHRISTOPHER_LANDAU, target: ABDOULAYE_DIOP, date: 2025-11},\n"
        "                 {source: CHRISTOPHER_LANDAU, type: VISITED, target: MLI, date: 2025-11}]",
        "expect: [{source: CHRISTOPHER_LANDAU, target: ABDOULAYE_DIOP, date: 2025-11}]")
    assert len(failures) == 1, failures
    assert "gives CHRISTOPHER_LANDAU VISITED MLI date=2025-11 [visited.verb.ar], which the example does not list" \
        in failures[0]


def test_a_listed_non_fact_must_come_with_its_modality(schema_copy):
    failures = _example_failures(schema_copy, "expect: [{source: ABDOULAYE_DIOP, target: FRA, modality: future}]",
                                 "expect: [{source: ABDOULAYE_DIOP, target: FRA}]")
    assert any("should give ABDOULAYE_DIOP MET FRA;" in f for f in failures), failures
    assert any("gives ABDOULAYE_DIOP MET FRA modality=future" in f and "does not list" in f for f in failures)


def test_a_future_verb_is_one_future_event(extractor):
    # 'سيلتقي' is listed as written and matches as س + 'يلتقي': one trigger, the reading with the prefix
    rels = extractor.extract(Document.from_text("سيلتقي عبد الله ديوب بنظيره الفرنسي الأسبوع المقبل."))
    assert [(r.source, r.type, r.target, r.modality) for r in rels] == [("ABDOULAYE_DIOP", "MET", "FRA", "future")]


def test_an_unknown_modality_in_an_example_is_reported(schema_copy):
    path = schema_copy / "rules" / "meetings.yaml"
    text = path.read_text(encoding="utf-8").replace("modality: future}]", "modality: planned}]", 1)
    path.write_text(text, encoding="utf-8")
    assert any("unknown modality 'planned'" in e for e in _errors(schema_copy))


@pytest.mark.parametrize("file, flag", [("statements.yaml", "each_way"), ("meetings.yaml", "joint")])
def test_a_rule_flag_must_be_true_or_false_and_is_reported_with_its_line(schema_copy, file, flag):
    """``each_way`` (both sides did it) and ``joint`` (the targets sat together) are yes or no: anything else
    names file and line."""
    path = schema_copy / "rules" / file
    text = path.read_text(encoding="utf-8").replace(f"{flag}: true", f"{flag}: sometimes", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if f"{flag}: sometimes" in l)
    errors = _errors(schema_copy)
    assert any(e.startswith(f"{path}:{line}:") and f"{flag} must be true or false, not 'sometimes'" in e
               for e in errors), errors


def test_a_rule_told_each_way_gives_both_directions(extractor):
    doc = Document(id="ew", text="استقبل الرئيس الغاني جون ماهاما نظيره التوغولي فور غناسينغبي، حيث أكد الطرفان "
                                 "التزامهما بعلاقات متينة.", published="2025-05-01", lang="ar")
    pledges = {(r.source, r.target) for r in extractor.extract(doc) if r.type == "PLEDGED_COOPERATION"}
    assert pledges == {("GHA", "TGO"), ("TGO", "GHA")}


def _add_rule_file(schema_copy, trigger: str) -> tuple:
    path = schema_copy / "rules" / "zz_lexicon_words.yaml"
    path.write_text(
        "lexicons:\n"
        "  ZZ_CHARGES: {en: [charges, allegations]}\n"
        "  ZZ_FALSE: {en: [baseless, fabricated]}\n"
        "rules:\n"
        "  - id: zz.dismissed\n"
        "    type: CRITICIZED\n"
        f"    trigger: {{en: [\"{trigger}\"]}}\n"
        "    source: [before]\n"
        "    target: [gap]\n"
        "    examples:\n"
        "      - text: Mali called the allegations of Ghana fabricated.\n"
        "        expect: [{source: MLI, target: GHA}]\n"
        "      - text: Mali called the charges of Ghana serious.\n"
        "        expect: []\n", encoding="utf-8")
    return path


def test_a_lexicon_word_inside_a_trigger_stands_for_each_of_its_entries(schema_copy):
    _add_rule_file(schema_copy, "called the @ZZ_CHARGES ... @ZZ_FALSE")
    extractor = Extractor(load_schema(schema_copy))
    found = []
    for text in ("Mali called the allegations of Ghana fabricated.", "Mali called the charges of Ghana baseless.",
                 "Mali called the charges of Ghana serious."):
        found.append([(r.source, r.type, r.target) for r in extractor.extract(Document.from_text(text))
                      if r.type == "CRITICIZED"])
    assert found == [[("MLI", "CRITICIZED", "GHA")], [("MLI", "CRITICIZED", "GHA")], []]


def test_an_unknown_lexicon_inside_a_trigger_is_reported_with_its_line(schema_copy):
    path = _add_rule_file(schema_copy, "called the @ZZ_CHARGE ... @ZZ_FALSE")
    errors = _errors(schema_copy)
    assert any(e.startswith(f"{path}:7:") and "unknown lexicon '@ZZ_CHARGE'" in e for e in errors), errors
