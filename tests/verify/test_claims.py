"""Loading claims: the schema, error messages naming file + field, the catalog itself."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from symflat.verify.claims import (
    STATUSES,
    Claim,
    ClaimError,
    Scope,
    Verdict,
    default_proofs_dir,
    load_claims,
    parse_claims,
    select_claims,
)
from symflat.verify.runner import load_catalog

GOOD = '''
[[claim]]
id = "demo"
title = "A demo"
statement = "2^{n} terms"
section = "II.3.2"
checker = "multilinear-basis"
depends = []

[claim.parameters]
count_base = 2
'''

REQUIRED_IDS = {
    "eq8", "eq9-count", "eq12", "eq11", "lambda-limit", "lambda-10", "corollary-size", "eq13",
    "eq13-beta", "param-counts", "eq27", "low-rank", "fft", "strassen", "eq28", "eq32",
    "appendix-a", "deep-4n", "deep-160", "boolean-count",
}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_catalog_has_every_required_claim():
    claims = load_claims()
    ids = [c.id for c in claims]
    assert REQUIRED_IDS <= set(ids)
    assert len(ids) == len(set(ids))
    for claim in claims:
        assert claim.statement.strip() and claim.section and claim.checker
        assert len(claim.spec_hash) == 64


def test_default_proofs_dir_is_the_repository_catalog():
    folder = default_proofs_dir()
    assert folder.name == "proofs" and any(folder.glob("*.toml"))


def test_parse_good_claim_and_spec_hash_changes_with_content():
    (claim,) = parse_claims(GOOD, "good.toml")
    assert claim.id == "demo" and claim.parameters == {"count_base": 2}
    (other,) = parse_claims(GOOD.replace("count_base = 2", "count_base = 3"), "good.toml")
    assert other.spec_hash != claim.spec_hash
    (same,) = parse_claims(GOOD + "\n# a comment\n", "other.toml")
    assert same.spec_hash == claim.spec_hash


def test_single_claim_at_top_level():
    text = GOOD.replace("[[claim]]\n", "").replace("[claim.parameters]", "[parameters]")
    (claim,) = parse_claims(text, "top.toml")
    assert claim.parameters == {"count_base": 2}


@pytest.mark.parametrize(
    ("edit", "field", "problem"),
    [
        (('checker = "multilinear-basis"', 'chekcer = "multilinear-basis"'), "chekcer",
         "did you mean 'checker'"),
        (('title = "A demo"\n', ""), "title", "missing"),
        (('section = "II.3.2"', "section = 3"), "section", "must be a string"),
        (('depends = []', 'depends = "eq8"'), "depends", "list of strings"),
        (('id = "demo"', 'id = "Bad Id"'), "id", "not a valid id"),
        (('checker = "multilinear-basis"', 'checker = "nope"'), "checker", "unknown checker"),
        (('id = "demo"', 'id = "demo"\nconvention = "taylor"'), "convention", "must be one of"),
    ],
)
def test_malformed_claim_names_file_field_problem(tmp_path, edit, field, problem):
    write(tmp_path, "bad.toml", GOOD.replace(*edit))
    with pytest.raises(ClaimError) as info:
        load_catalog(tmp_path)
    message = str(info.value)
    assert "bad.toml" in message
    assert f"field '{field}'" in message
    assert problem in message


@pytest.mark.parametrize(
    ("edit", "field", "problem"),
    [
        (("count_base = 2", 'count_base = "two"'), "parameters.count_base",
         "must be a positive integer"),
        (("count_base = 2", "count_bas = 2"), "parameters.count_bas", "takes no such parameter"),
    ],
)
def test_bad_parameters_name_the_field(tmp_path, edit, field, problem):
    write(tmp_path, "params.toml", GOOD.replace(*edit))
    with pytest.raises(ClaimError, match=rf"params\.toml.*field '{field}'.*{problem}"):
        load_catalog(tmp_path)


def test_missing_required_parameter(tmp_path):
    text = GOOD.replace('checker = "multilinear-basis"', 'checker = "boolean-functions"')
    write(tmp_path, "req.toml", text.replace("count_base = 2", "threshold = 3"))
    with pytest.raises(ClaimError, match=r"req\.toml.*'parameters\.atoms': missing"):
        load_catalog(tmp_path)


def test_claims_load_without_the_registry_and_the_catalog_validates(tmp_path):
    """claims.py knows no checker: the registry's names and schemas come from the runner."""
    write(tmp_path, "free.toml", GOOD.replace("count_base = 2", "count_bas = 2"))
    (claim,) = load_claims(tmp_path)
    assert claim.parameters == {"count_bas": 2}
    with pytest.raises(ClaimError, match="takes no such parameter"):
        load_catalog(tmp_path)


def test_invalid_toml_names_file_and_position(tmp_path):
    write(tmp_path, "broken.toml", GOOD.replace('title = "A demo"', 'title = = "A demo"'))
    with pytest.raises(ClaimError, match=r"broken\.toml: invalid TOML: .*line"):
        load_claims(tmp_path)


def test_duplicate_id_and_unknown_dependency(tmp_path):
    write(tmp_path, "a.toml", GOOD)
    write(tmp_path, "b.toml", GOOD)
    with pytest.raises(ClaimError, match=r"b\.toml: claim 'demo': field 'id': duplicate id"):
        load_claims(tmp_path)
    (tmp_path / "b.toml").unlink()
    write(tmp_path, "a.toml", GOOD.replace("depends = []", 'depends = ["eq99"]'))
    with pytest.raises(ClaimError, match=r"a\.toml: claim 'demo': field 'depends'.*'eq99'"):
        load_claims(tmp_path)


def test_empty_folder_and_not_a_folder(tmp_path):
    with pytest.raises(ClaimError, match="no claim files"):
        load_claims(tmp_path)
    with pytest.raises(ClaimError, match="not a folder"):
        load_claims(tmp_path / "missing")


def test_select_claims_keeps_order_and_rejects_unknown():
    claims = load_claims()
    assert [c.id for c in select_claims(claims, ["eq32", "eq28"])] == ["eq32", "eq28"]
    with pytest.raises(ClaimError, match="did you mean 'eq28'"):
        select_claims(claims, ["eq288"])


def test_verdict_rules_and_round_trip():
    verdict = Verdict("x", "refuted", "off by n!", corrected="y = 1", details=("a", "b"),
                      certificate={"k": [1, 2]}, scope=Scope.at(n=3))
    assert Verdict.from_dict(verdict.to_dict()) == verdict
    assert set(STATUSES) == {"verified", "sampled", "refuted", "conditional", "inconclusive"}
    with pytest.raises(ValueError, match="numerical evidence alone"):
        Verdict("x", "verified", "Monte Carlo", numerical=True, scope=Scope.for_all())
    with pytest.raises(ValueError, match="unknown status"):
        Verdict("x", "true", "?", scope=Scope.for_all())
    assert Verdict("x", "conditional", "MC", numerical=True, scope=Scope.for_all()).numerical


def test_every_verdict_says_how_far_it_reaches():
    samples = Scope.for_instances(50, "seeded chains", {"seeds": [0, 49]})
    with pytest.raises(ValueError, match="needs a scope"):
        Verdict("x", "verified", "exact")
    with pytest.raises(ValueError, match="never 'verified'"):
        Verdict("x", "verified", "exact on 50 chains", scope=samples)
    with pytest.raises(ValueError, match="needs the scope 'instances'"):
        Verdict("x", "sampled", "exact", scope=Scope.for_all())
    with pytest.raises(ValueError, match="reaches nothing"):
        Verdict("x", "refuted", "crash", scope=Scope.nothing("the checker failed"))
    with pytest.raises(ValueError, match="needs the generator"):
        Scope("instances", "chains", count=50)
    sampled = Verdict("x", "sampled", "exact on 50 chains", scope=samples)
    assert sampled.label == "holds on all 50 seeded chains" and not sampled.proved
    ranged = Verdict("x", "verified", "exact", scope=Scope.for_range("n", range(2, 9)))
    assert ranged.label == "verified for n = 2..8" and not ranged.proved
    proved = Verdict("x", "verified", "symbolic", scope=Scope.for_all("all n"))
    assert proved.label == "verified for all n" and proved.proved
    data = sampled.to_dict()
    assert data["scope"] == {"kind": "instances", "detail": "seeded chains", "count": 50,
                             "generator": {"seeds": [0, 49]}}
    assert Verdict.from_dict(data) == sampled
    del data["scope"]
    with pytest.raises(KeyError):
        Verdict.from_dict(data)


def test_claim_is_frozen():
    (claim,) = parse_claims(GOOD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.id = "other"  # type: ignore[misc]
    assert isinstance(claim, Claim) and claim.where() == "Sec. II.3.2"


def test_readme_documents_every_checker_and_parameter():
    from symflat.verify.checks import REGISTRY

    text = (default_proofs_dir() / "README.md").read_text(encoding="utf-8")
    for name, entry in REGISTRY.items():
        assert f"### `{name}`" in text
        for param in entry.params:
            assert f"| `{param}` |" in text


def test_catalog_files_share_one_naming_scheme_and_the_readme_lists_them():
    import re

    folder = default_proofs_dir()
    names = sorted(p.name for p in folder.glob("*.toml"))
    assert names and all(re.fullmatch(r"\d\d-[a-z0-9-]+\.toml", n) for n in names), names
    assert [int(n[:2]) for n in names] == list(range(1, len(names) + 1))
    table = (folder / "README.md").read_text(encoding="utf-8").split("## The files", 1)[1]
    rows = re.findall(r"^\| `([^`]+\.toml)` \| (.*) \|$", table, flags=re.M)
    assert [name for name, _ in rows] == names
    for name, listed in rows:
        ids = [c.id for c in load_claims(folder) if Path(c.source).name == name]
        assert re.findall(r"`([a-z0-9-]+)`", listed) == ids, name


def test_a_fifo_among_the_claim_files_is_refused_not_waited_on(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.toml")
    with pytest.raises(ClaimError, match=r"pipe\.toml is not a regular file"):
        load_claims(tmp_path)


def test_a_claim_depending_on_itself_or_in_a_cycle_is_refused(tmp_path):
    write(tmp_path, "a.toml", GOOD.replace("depends = []", 'depends = ["demo"]'))
    with pytest.raises(ClaimError, match=r"a\.toml: claim 'demo': field 'depends': the claim "
                                         r"depends on itself$"):
        load_claims(tmp_path)
    ring = {"p": "q", "q": "r", "r": "p"}
    write(tmp_path, "a.toml", "".join(
        GOOD.replace('"demo"', f'"{ident}"').replace("depends = []", f'depends = ["{dep}"]')
        for ident, dep in ring.items()))
    with pytest.raises(ClaimError, match=r"in a cycle: p -> q -> r -> p$"):
        load_claims(tmp_path)
    # the same claims without the closing edge load, in order
    write(tmp_path, "a.toml", "".join(
        GOOD.replace('"demo"', f'"{ident}"').replace("depends = []", f'depends = ["{dep}"]')
        for ident, dep in {"p": "q", "q": "r"}.items()) + GOOD.replace('"demo"', '"r"'))
    assert [c.id for c in load_claims(tmp_path)] == ["p", "q", "r"]


@pytest.mark.parametrize("text, problem", [
    ("count_base = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("count_base = " + "7" * 5000, "more than 4300 digits"),
])
def test_hostile_toml_is_one_claim_error(tmp_path, text, problem):
    write(tmp_path, "hostile.toml", GOOD.replace("count_base = 2", text))
    with pytest.raises(ClaimError, match=rf"hostile\.toml: invalid TOML: .*{problem}"):
        load_claims(tmp_path)


def _integer_parameters():
    from symflat.verify.checks import REGISTRY

    return [(entry, name, spec) for entry in REGISTRY.values()
            for name, spec in entry.params.items() if spec.limit is not None]


def _at(spec, value):
    """A value of ``spec``'s kind whose extreme integer is ``value``."""
    first = max(1, spec.minimum or 1)
    return {"int_list": [first, value], "int_range": [first, value],
            "int_matrix": [[first, value]]}.get(spec.kind, value)


def test_every_integer_parameter_has_a_limit_enforced_when_claims_load():
    from symflat.verify.checks import validate_parameters

    params = _integer_parameters()
    assert len(params) > 60  # every int, int_list, int_range and int_matrix parameter states one
    for entry, name, spec in params:
        assert spec.problem(_at(spec, spec.limit)) is None
        lowest = -spec.limit if spec.minimum is None else spec.minimum
        assert spec.problem(_at(spec, lowest)) is None
        for value in (spec.limit + 1, -spec.limit - 1):
            if not spec.accepts(_at(spec, value)):
                continue  # a negative value is refused by its kind already
            claim = Claim("c", "t", "s", "I", entry.name, parameters={name: _at(spec, value)})
            with pytest.raises(ClaimError, match=rf"'parameters\.{name}': must be at most "
                                                 rf"{spec.limit} in absolute value"):
                validate_parameters(claim)


def test_a_parameter_of_a_billion_is_refused_before_any_work(tmp_path, monkeypatch):
    from symflat.verify.checks import REGISTRY

    def never(claim):
        raise AssertionError("the checker ran")

    entry = REGISTRY["multilinear-basis"]
    monkeypatch.setitem(REGISTRY, "multilinear-basis", dataclasses.replace(entry, function=never))
    write(tmp_path, "big.toml", GOOD.replace("count_base = 2", "n = [1, 1000000000]"))
    with pytest.raises(ClaimError, match=r"big\.toml: claim 'demo': field 'parameters\.n': "
                                         r"must be at most 8 in absolute value, not 1000000000"):
        load_catalog(tmp_path)
    write(tmp_path, "big.toml", GOOD.replace("count_base = 2", f"n = {list(range(65))}"))
    with pytest.raises(ClaimError, match="must be a range"):  # n is a range [lo, hi]
        load_catalog(tmp_path)
    write(tmp_path, "big.toml", GOOD.replace('checker = "multilinear-basis"',
                                             'checker = "deep-product-size"')
          .replace("count_base = 2", f"n = {[2] * 65}"))  # a list parameter
    with pytest.raises(ClaimError, match="must hold at most 64 items"):
        load_catalog(tmp_path)


def test_a_reversed_range_is_refused_at_load_in_one_line(tmp_path, monkeypatch):
    """n = [8, 1] was read as the list 8, 1 and reported verified "n = 8..1"."""
    from symflat.verify.checks import REGISTRY

    def never(claim):
        raise AssertionError("the checker ran")

    entry = REGISTRY["multilinear-basis"]
    monkeypatch.setitem(REGISTRY, "multilinear-basis", dataclasses.replace(entry, function=never))
    for value in ("[8, 1]", "[1, 2, 3]", "[4]"):
        write(tmp_path, "rev.toml", GOOD.replace("count_base = 2", f"n = {value}"))
        with pytest.raises(ClaimError) as info:
            load_catalog(tmp_path)
        message = str(info.value)
        assert message.startswith(f"{tmp_path / 'rev.toml'}: claim 'demo': field "
                                  "'parameters.n': must be a range [lo, hi] of two integers "
                                  f"with lo <= hi, not {value}")
        assert "\n" not in message
    write(tmp_path, "rev.toml", GOOD.replace("count_base = 2", "n = [3, 3]"))
    assert load_catalog(tmp_path)[0].parameters["n"] == [3, 3]  # a range of one size


def test_readme_states_every_limit():
    from symflat.verify.checks import REGISTRY

    text = (default_proofs_dir() / "README.md").read_text(encoding="utf-8")
    for name, entry in REGISTRY.items():
        section = text.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        for param, spec in entry.params.items():
            limit = "" if spec.limit is None else f"{spec.limit:,}".replace(",", " ")
            if spec.minimum is not None:
                limit = f"{spec.minimum} to {limit}"
            assert f"| `{param}` | {spec.kind} | " in section
            assert re.search(rf"\| `{param}` \| {spec.kind} \| [^|]+ \| {limit} \|", section)


def test_every_size_range_states_its_smallest_case_and_a_range_below_it_is_refused():
    from symflat.verify.checks import validate_parameters

    ranges = [(entry, name, spec) for entry, name, spec in _integer_parameters()
              if spec.kind == "int_range"]
    assert len(ranges) > 20 and all(spec.minimum is not None for _, _, spec in ranges)
    for entry, name, spec in ranges:
        claim = Claim("c", "t", "s", "I", entry.name,
                      parameters={name: [spec.minimum - 1, spec.minimum + 1]})
        with pytest.raises(ClaimError, match=rf"'parameters\.{name}': must be at least "
                                             rf"{spec.minimum}, not {spec.minimum - 1} .*"
                                             "the smallest case it can check"):
            validate_parameters(claim)


@pytest.mark.parametrize("claim_id, name", [
    ("eq9-count", "n"), ("eq12", "n"), ("param-counts", "n"), ("corollary-size", "n"),
    ("eq13", "k"), ("fft", "m"), ("eq27", "n"), ("appendix-a", "n"), ("fft-network", "m"),
])
def test_the_smallest_case_of_a_size_range_is_one_the_checker_decides(catalog, check,
                                                                     claim_id, name):
    """The declared minimum is not too high to be useful nor too low to be checked: at it the
    checker gives the verdict it gives on its default range (no error, no vacuous case)."""
    from symflat.verify.checks import REGISTRY

    smallest = REGISTRY[catalog[claim_id].checker].params[name].minimum
    assert check(claim_id, **{name: [smallest, smallest]}).status == check(claim_id).status


def test_deep_product_sizes_that_are_not_powers_of_two_are_not_a_vacuous_verification(check):
    only_three = check("deep-4n", n=[3])
    assert only_three.status == "inconclusive"
    assert "n=3 skipped" in " ".join(only_three.details)


def test_the_catalogue_of_the_paper_names_every_claim_under_its_section():
    """proofs/README.md catalogues the paper's sections with the claims covering them: every
    claim of the catalog is listed, under the section its file gives it."""
    text = (default_proofs_dir() / "README.md").read_text(encoding="utf-8")
    catalogue = text.split("## The paper, equation by equation", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in catalogue.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.match(r"^(I|II|III|IV|A)[\d., ]*", cells[0]):
            rows[cells[0]] = re.findall(r"`([a-z0-9-]+)`", cells[1])
    listed = {ident: key for key, ids in rows.items() for ident in ids}
    for claim in load_claims():
        assert claim.id in listed, claim.id
        heading = listed[claim.id]
        assert any(part.strip().startswith(claim.section) or claim.section.startswith(
            part.strip().split(" ")[0]) for part in heading.split(",")), (claim.id, heading)


def test_certificate_expressions_are_written_in_the_input_grammar():
    import sympy

    from symflat.verify.claims import Scope, Verdict

    x2, x10 = sympy.symbols("x2 x10")
    v = Verdict("x", "verified", "e", certificate={"error": x10 * x2**2, "n": 3},
                scope=Scope.for_all())
    assert v.to_dict()["certificate"] == {"error": "x2^2*x10", "n": 3}
