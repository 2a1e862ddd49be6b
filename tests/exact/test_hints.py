"""The one float-to-fraction hint, and the messages that use it."""

from __future__ import annotations

import json

import pytest

from symflat.errors import ExpressionError, NetworkError
from symflat.exact.expressions import parse_expression, to_expression
from symflat.exact.hints import fraction_hint
from symflat.nets.io import from_json


@pytest.mark.parametrize(("value", "hint"), [
    ("0.5", "write 1/2"), ("2.5e-2", "write 1/40"), ("1e3", "write 1000"),
    ("0.3333333333333333", "write 3333333333333333/10000000000000000"),  # text: exact digits
    (0.5, "write 1/2"), (0.1, "write 1/10"), (1 / 3, "write 1/3"),  # float: simplest nearby
    (-2.0, "write -2"), (float("nan"), "write an exact, finite number"),
    ("1e99999", "write the number as a fraction of integers"),
])
def test_fraction_hint(value, hint):
    assert fraction_hint(value) == hint


def test_every_message_about_a_float_uses_the_hint():
    with pytest.raises(ExpressionError, match="0.1 is not exact: write 1/10 "):
        parse_expression("x + 0.1")
    with pytest.raises(ExpressionError, match="is not exact: write 1/3 "):
        to_expression(1 / 3)
    record = {"nodes": [{"id": "x1", "kind": "input"}, {"id": "y", "kind": "output"}],
              "edges": [{"source": "x1", "target": "y", "weight": 0.25}]}
    with pytest.raises(NetworkError, match="JSON float, not an exact number; write it as a "
                       "string like \"1/4\""):
        from_json(json.dumps(record))


def test_a_float_in_a_markov_chain_gets_the_hint():
    from symflat.paper.markov import MarkovChain, MarkovError

    with pytest.raises(MarkovError, match=r"is a float; give an exact fraction \(write 1/3\)"):
        MarkovChain([1 / 3, "2/3"], [[[1, 0], [0, 1]]])
