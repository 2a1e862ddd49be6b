"""Activations and their exact Taylor coefficients.

Two conventions appear in the paper and both are supported, converted explicitly:

``"power"`` (Appendix A)
    σ(b + u) = Σ_k c_k u^k, so c_k = σ^(k)(b) / k!;
``"derivative"`` (Eqs. 10-11)
    c_k = σ^(k)(b), so that σ(b + u) = c_0 + c_1 u + c_2 u²/2 + ...

The *generic* activation has free Taylor coefficients, the symbols ``sigma0, sigma1, ...``
(power convention, at whatever point the neuron operates). Non-analytic activations (ReLU, ``|x|``,
step) are known by name so that a network can use them, but asking for their Taylor
coefficients is an :class:`~symflat.errors.ActivationError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import sympy

from symflat.errors import ActivationError, ExpressionError
from symflat.exact.constants import MAX_FUNCTIONS, MAX_TOWER, check_constant, tower_height
from symflat.exact.expressions import parse_expression, to_expression
from symflat.exact.symbols import X, is_sigma_symbol, sigma_symbol  # re-exported

__all__ = [
    "Activation",
    "get_activation",
    "sigma_symbol",
    "is_sigma_symbol",
    "to_derivative",
    "to_power",
    "check_activation_name",
    "NAMED",
    "NON_ANALYTIC",
    "MAX_NESTING",
]

#: Most functions an activation expression may apply one inside another: the exact Taylor
#: coefficients of exp(exp(exp(exp(x)))) are already sums of towers of exponentials. The same
#: limit as an exact constant's (:data:`symflat.exact.constants.MAX_TOWER`).
MAX_NESTING = MAX_TOWER

#: Named analytic activations and their closed forms in the variable x.
NAMED: dict[str, sympy.Expr] = {
    "sigmoid": 1 / (1 + sympy.exp(-X)),
    "tanh": sympy.tanh(X),
    "softplus": sympy.log(1 + sympy.exp(X)),
    "exp": sympy.exp(X),
    "identity": X,
}

#: Named activations without a Taylor expansion at some point, and why.
NON_ANALYTIC: dict[str, str] = {
    "relu": "relu(x) = max(0, x) has a kink at 0: it is not analytic, "
            "so it has no Taylor expansion",
    "abs": "abs(x) = |x| has a kink at 0: it is not analytic, so it has no Taylor expansion",
    "step": "step(x) jumps at 0: it is not analytic, so it has no Taylor expansion",
}

_NON_ANALYTIC_ATOMS = (sympy.Max, sympy.Min, sympy.Abs, sympy.Heaviside, sympy.sign,
                       sympy.Piecewise)


def to_derivative(coefficients: tuple[sympy.Expr, ...]) -> tuple[sympy.Expr, ...]:
    """Convert power-convention coefficients c_k to derivatives σ^(k) = k! c_k.

    Examples
    --------
    >>> to_derivative((sympy.Rational(1, 2), sympy.Rational(1, 4), 0, sympy.Rational(-1, 48)))
    (1/2, 1/4, 0, -1/8)
    """
    return tuple(sympy.factorial(k) * c for k, c in enumerate(coefficients))


def to_power(derivatives: tuple[sympy.Expr, ...]) -> tuple[sympy.Expr, ...]:
    """Convert derivatives σ^(k) to power-convention coefficients σ^(k) / k!.

    Examples
    --------
    >>> to_power((1, 1, 1, 1))
    (1, 1, 1/2, 1/6)
    """
    return tuple(to_expression(d) / sympy.factorial(k) for k, d in enumerate(derivatives))


@dataclass(frozen=True)
class Activation:
    """An activation function.

    Attributes
    ----------
    name : str
        ``"generic"``, a name from :data:`NAMED` or :data:`NON_ANALYTIC`, or the user's
        expression as written.
    expression : sympy.Expr or None
        σ(x) in the variable ``x``; ``None`` for the generic activation.

    Examples
    --------
    >>> get_activation("sigmoid").coefficients(4)
    (1/2, 1/4, 0, -1/48, 0)
    >>> get_activation("generic").coefficients(2, convention="derivative")
    (sigma0, sigma1, 2*sigma2)
    """

    name: str
    expression: sympy.Expr | None = field(default=None, compare=False)

    @property
    def is_generic(self) -> bool:
        """Whether the Taylor coefficients are free symbols."""
        return self.expression is None and self.name == "generic"

    def coefficients(self, order: int, at: sympy.Expr | int = 0,
                     convention: str = "power") -> tuple[sympy.Expr, ...]:
        """Exact Taylor coefficients c_0..c_order of σ about the point ``at``.

        Parameters
        ----------
        order : int
            Highest power kept.
        at : exact number or expression
            The expansion point b (the bias that shifts σ). For the generic activation the
            symbols stand for the coefficients at whatever point the neuron operates.
        convention : {"power", "derivative"}
            See the module docstring.
        """
        if convention not in ("power", "derivative"):
            raise ActivationError(f"convention must be 'power' or 'derivative', not {convention!r}")
        if not isinstance(order, int) or order < 0:
            raise ActivationError(f"order must be a non-negative integer, not {order!r}")
        if self.name in NON_ANALYTIC:
            raise ActivationError(NON_ANALYTIC[self.name])
        if self.is_generic:
            power = tuple(sigma_symbol(k) for k in range(order + 1))
        else:
            at = to_expression(at)
            if not at.is_Rational:
                # σ is applied to a constant (a bias, an operating point): bound the tower
                # σ(b) builds, one tower on the other, before its derivatives are taken.
                try:
                    check_constant(self.expression.xreplace({X: at}), f"{self.name} at {at}",
                                   tower=2 * MAX_TOWER, functions=2 * MAX_FUNCTIONS,
                                   bound_value=False)
                except ExpressionError as error:
                    raise ActivationError(str(error)) from None
            power = _power_coefficients(self.name, self.expression, order, at)
        return power if convention == "power" else to_derivative(power)

    def __call__(self, z: sympy.Expr | int) -> sympy.Expr:
        """σ(z) in closed form, for an exact number or expression ``z``.

        Examples
        --------
        >>> sigmoid = get_activation("sigmoid")
        >>> sigmoid(0), sigmoid(-sympy.Symbol("beta") / 2)
        (1/2, 1/(exp(beta/2) + 1))
        """
        if self.expression is None:
            raise ActivationError(f"the {self.name} activation has no closed form")
        return self.expression.xreplace({X: to_expression(z)})


def check_activation_name(name: str, node: str = "") -> None:
    """Raise :class:`ActivationError` unless ``name`` can be used on a neuron."""
    if name == "sigma" or name in NAMED or name in NON_ANALYTIC or name == "generic":
        return
    try:
        get_activation(name)
    except ActivationError as error:
        where = f"neuron {node!r}: " if node else ""
        raise ActivationError(f"{where}unknown activation {name!r} ({error})") from None


@lru_cache(maxsize=256)
def get_activation(spec: str) -> Activation:
    """Look up an activation by name, or read the user's expression in the variable ``x``.

    Parameters
    ----------
    spec : str
        ``generic``, ``sigmoid``, ``tanh``, ``softplus``, ``exp``, ``identity``, ``relu``,
        ``abs``, ``step``, or an expression such as ``x + x**2/2`` or ``log(1 + exp(x))``.

    Examples
    --------
    >>> get_activation("x + x^3").coefficients(3)
    (0, 1, 0, 1)
    >>> get_activation("relu").coefficients(2)
    Traceback (most recent call last):
    ...
    symflat.errors.ActivationError: relu(x) = max(0, x) has a kink at 0: it is not analytic, \
so it has no Taylor expansion
    """
    if not isinstance(spec, str) or not spec.strip():
        raise ActivationError("an activation needs a name or an expression in x")
    spec = spec.strip()
    if spec in ("generic", "sigma"):
        return Activation("generic")
    if spec in NAMED:
        return Activation(spec, NAMED[spec])
    if spec in NON_ANALYTIC:
        return Activation(spec)
    try:
        expression = parse_expression(spec, variables=["x"])
    except ExpressionError as error:
        known = ", ".join(["generic", *NAMED, *NON_ANALYTIC])
        raise ActivationError(f"activation {spec!r} is neither a known name ({known}) nor an "
                              f"expression in x: {error}") from None
    if expression.has(*_NON_ANALYTIC_ATOMS):
        raise ActivationError(f"activation {spec!r} uses a non-analytic function (max, abs, "
                              "step or sign), so it has no Taylor expansion")
    if X not in expression.free_symbols:
        raise ActivationError(f"activation {spec!r} does not depend on x")
    if tower_height(expression) > MAX_NESTING:
        raise ActivationError(f"activation {spec!r} nests functions more than {MAX_NESTING} "
                              "deep (as in exp(exp(exp(exp(x))))); its exact Taylor "
                              "coefficients grow too fast to expand")
    return Activation(spec, expression)


# Derivatives of the logistic sigmoid and of tanh are polynomials in the function itself
# (σ' = σ(1-σ), tanh' = 1-tanh²); differentiating those polynomials keeps the coefficients
# short and exact at any point, where repeated `diff` of the closed form blows up.
_S = sympy.Symbol("s")
_SELF_DERIVATIVE: dict[str, sympy.Expr] = {"sigmoid": _S * (1 - _S), "tanh": 1 - _S**2}


@lru_cache(maxsize=512)
def _power_coefficients(name: str, expression: sympy.Expr, order: int,
                        at: sympy.Expr) -> tuple[sympy.Expr, ...]:
    if name in _SELF_DERIVATIVE or name == "softplus":
        base = "tanh" if name == "tanh" else "sigmoid"
        flow = _SELF_DERIVATIVE[base]
        # softplus' = sigmoid, so softplus's k-th derivative is sigmoid's (k-1)-th.
        shift = 1 if name == "softplus" else 0
        polys, p = [], _S
        for _ in range(order + 1 - shift):
            polys.append(p)
            p = sympy.expand(sympy.diff(p, _S) * flow)
        s = NAMED[base].xreplace({X: at})
        derivatives = [NAMED["softplus"].xreplace({X: at})] if shift else []
        derivatives += [_simplify(q.subs(_S, s)) for q in polys]
    elif name == "exp":
        derivatives = [sympy.exp(at)] * (order + 1)
    else:
        derivatives, d = [], expression
        for _ in range(order + 1):
            derivatives.append(_simplify(d.subs(X, at)))
            d = sympy.diff(d, X)
    return tuple(_simplify(d / sympy.factorial(k)) for k, d in enumerate(derivatives))


def _simplify(value: sympy.Expr) -> sympy.Expr:
    # Exact canonical form: rationals stay rationals; expressions in exp(b) are put over a
    # common denominator so that zero is recognised as zero.
    if value.is_Rational:
        return value
    return sympy.factor(sympy.cancel(value))
