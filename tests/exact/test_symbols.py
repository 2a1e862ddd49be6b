"""The shared symbols: one object per name, equal to what the parser and the networks make."""

from __future__ import annotations

import sympy

from symflat.exact.expressions import parse_expression
from symflat.exact.symbols import (
    BETA,
    LAMBDA,
    X,
    input_symbol,
    input_symbols,
    is_sigma_symbol,
    sigma_index,
    sigma_symbol,
)


def test_symbols_carry_no_assumptions_so_parsed_names_are_the_same_objects():
    for symbol in (X, LAMBDA, BETA, sigma_symbol(4), input_symbol(7)):
        assert symbol == sympy.Symbol(symbol.name)  # no assumptions
        assert parse_expression(symbol.name) == symbol
    assert parse_expression("beta*(x1 + x2)") == BETA * sum(input_symbols(2))


def test_sigma_index_reads_back_sigma_symbol():
    for k in (0, 1, 2, 10, 123):
        assert sigma_index(sigma_symbol(k)) == k and is_sigma_symbol(sigma_symbol(k))
    for other in (sympy.Symbol("sigma"), sympy.Symbol("sigmax"), sympy.Symbol("sigma_2"),
                  sympy.Symbol("xsigma2"), sympy.Integer(2), LAMBDA):
        assert sigma_index(other) is None and not is_sigma_symbol(other)


def test_the_networks_and_activations_use_these_symbols():
    from symflat.nets import activations
    from symflat.nets.io import from_json
    from symflat.paper.networks import bit_product, multiplication_gate

    assert activations.X is X and activations.sigma_symbol is sigma_symbol
    assert activations.get_activation("generic").coefficients(2)[2] == sigma_symbol(2)
    assert BETA in bit_product(2).symbols()
    gate = multiplication_gate()
    assert gate.symbols() == {LAMBDA, sigma_symbol(2)}
    # a network read back from JSON has the same symbols, not look-alikes
    assert from_json(gate.to_json()).symbols() == gate.symbols()
