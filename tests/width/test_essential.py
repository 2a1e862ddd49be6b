"""Essential variables: P(x) = f(Lx) has the width of f (symflat.width.essential)."""

import pytest

from symflat.exact.polynomial import parse_polynomial
from symflat.width import lower_bound, minimal_width
from symflat.width.essential import essential_variables


@pytest.mark.parametrize(("text", "rank"), [("(x1 + x2 + x3 + 1)^3", 1),
                                            ("(x1 - x2)^2*(x3 + x4) + x1 - x2", 2),
                                            ("(x1 + 2*x2)^4 + (x3 - x1)^2", 2)])
def test_the_reduction_reproduces_the_polynomial(text, rank):
    p = parse_polynomial(text)
    reduction = essential_variables(p)
    assert reduction.rank == rank
    # P(x) = f(L x): substitute y = L x back into f
    transpose = [[row[i] for row in reduction.lift] for i in range(p.nvars)]
    back = reduction.reduced.linear_substitution(list(zip(*transpose, strict=True)),
                                                 p.variables)
    assert back == p


def test_every_variable_essential_gives_no_reduction():
    assert essential_variables(parse_polynomial("x1*x2*x3 + x1^3")) is None


@pytest.mark.parametrize("model", ["no-bias", "output-bias"])
@pytest.mark.parametrize("text", ["(x1 + 2*x2)^3", "(x1 - x2)^2 + x1 - x2", "(x1 + x2)^2*x3"])
def test_width_of_p_equals_width_of_f(text, model):
    """Both ways: the bound computed on P itself (no reduction) equals the bound on f, and
    the lifted construction re-checks against P by exact expansion."""
    result = minimal_width(text, model, timeout=20)
    direct = lower_bound(text, model)
    reduced = lower_bound(result.reduction.reduced, model)
    assert direct.value == reduced.value == result.lower
    assert result.verified and result.exact
    assert result.to_dict()["reduction"]["essential_variables"] == result.reduction.rank


def test_many_variables_one_in_disguise_within_seconds():
    """(x1 + ... + x10 + 1)^8, 43 758 terms, is (y + 1)^8: the generic bound 5 (the full-rank
    orders of symflat.width.lower) and a construction, lifted and checked, in seconds."""
    text = "(" + " + ".join(f"x{i}" for i in range(1, 11)) + " + 1)^8"
    result = minimal_width(text, timeout=5)
    assert result.reduction.rank == 1 and result.lower == 5
    assert result.upper is not None and result.verified
    assert result.lower_certificate.method == "full-rank apolarity"
    # the same bound on f directly: the reduction changes nothing about the bound
    assert lower_bound("(y1 + 1)^8").value == 5


def test_cli_abbreviates_a_long_polynomial_and_names_the_reduction(capsys):
    from symflat.cli import main

    text = "(" + " + ".join(f"x{i}" for i in range(1, 11)) + " + 1)^8"
    assert main(["width", text, "--timeout", "5"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert "… and 43750 more terms (--json prints all)" in first and "**" not in first
    assert len(first) < 300
    assert "essential variables: 1" in out
