r"""The network class a width is about: a value, parsed once, passed everywhere.

A width is only true of a stated class of networks and a stated activation. A
:class:`WidthModel` says which:

``hidden_bias``
    ``"none"``: every neuron computes ``sigma(a_j . x)`` (the paper's Appendix A);
    ``"shared"``: every neuron computes ``sigma(b + a_j . x)`` for one point ``b`` that the
    user chose (``at``); ``"free"``: a bias per neuron, ``sigma(a_j . x + b_j)`` (the first
    layer of Eq. 6, the *affine* model).
``output_bias``
    whether the output is ``c + sum_j w_j sigma(...)`` with a free constant ``c``.
``activation``
    ``"generic"`` (Taylor coefficients the free symbols ``sigma_k``, assumed non-zero: the
    hypothesis of the paper's theorem) or a named or user-given analytic activation, whose
    exact Taylor coefficients at the neurons' point decide which degrees are constrained.
``depth``
    hidden layers: 1, or 2 (``y = [c +] sum_k v_k sigma(sum_j B_kj sigma(a_j . x))``, no hidden
    biases, the generic activation: :mod:`symflat.width.deep`).

The conditions a model puts on a network: with ``sigma(b + u) = sum_k sigma_k u^k`` and
``P = sum_k P_k``, the network Taylor-approximates ``P`` through degree ``d`` iff
``sigma_k sum_j w_j (a_j . x)^k = P_k`` for every ``k <= d``, except ``k = 0`` with an output
bias. A degree with ``sigma_k = 0`` imposes nothing on the points (and produces nothing): it is
*free*, and ``P_k`` must then be 0. :meth:`WidthModel.degrees` lists the constrained degrees,
:meth:`WidthModel.unreachable` says why ``P`` cannot be reached at all.

This module is the only one that reads model names (``--model no-bias`` ...); everything
else asks the value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy

from symflat.errors import ActivationError, ExpressionError
from symflat.exact.interval import rigorous_sign
from symflat.exact.polynomial import Polynomial
from symflat.width.polynomials import WidthError

__all__ = ["MODEL_NAMES", "HIDDEN_BIASES", "MONOTONE", "SigmaTaylor", "WidthModel", "as_model"]

#: The ``--model`` names: hidden biases and output bias of each.
MODEL_NAMES: dict[str, tuple[str, bool]] = {
    "no-bias": ("none", False),
    "output-bias": ("none", True),
    "affine": ("free", False),
    "affine+output-bias": ("free", True),
}
HIDDEN_BIASES = ("none", "shared", "free")

#: Named activations with sigma' > 0 on the whole real line (strictly increasing): such a
#: sigma has no critical point, which the affine lower bound uses.
MONOTONE = frozenset({"sigmoid", "tanh", "softplus", "exp"})


@dataclass(frozen=True)
class SigmaTaylor:
    """The Taylor coefficients ``sigma_0..sigma_d`` of an activation at the neurons' point.

    ``status[k]`` is ``"nonzero"`` (proved), ``"zero"`` (proved) or ``"assumed"`` (the
    generic activation: a free symbol, assumed non-zero as in the paper's theorem).

    Examples
    --------
    >>> t = WidthModel(activation="tanh").taylor(3)
    >>> t.coefficients, t.zeros
    ((0, 1, 0, -1/3), (0, 2))
    """

    coefficients: tuple[sympy.Expr, ...]
    status: tuple[str, ...]

    @property
    def zeros(self) -> tuple[int, ...]:
        return tuple(k for k, s in enumerate(self.status) if s == "zero")

    @property
    def generic(self) -> bool:
        return all(s == "assumed" for s in self.status)

    def rational(self, k: int) -> bool:
        return bool(sympy.sympify(self.coefficients[k]).is_Rational)

    def fraction(self, k: int) -> Fraction:
        """``sigma_k`` as a ``Fraction`` (only where :meth:`rational`)."""
        value = sympy.Rational(self.coefficients[k])
        return Fraction(int(value.p), int(value.q))


@lru_cache(maxsize=256)
def _taylor(activation: str, at: sympy.Expr, degree: int) -> SigmaTaylor:
    from symflat.nets.activations import get_activation

    act = get_activation(activation)
    coeffs = act.coefficients(degree, at=at)
    if act.is_generic:
        return SigmaTaylor(coeffs, ("assumed",) * (degree + 1))
    status = []
    for k, c in enumerate(coeffs):
        try:
            sign = rigorous_sign(sympy.sympify(c))
        except (ValueError, TypeError, ZeroDivisionError):
            sign = None
        if sign is None:
            raise WidthError(f"activation {activation!r}: cannot decide whether its Taylor "
                             f"coefficient sigma_{k} = {c} at {at} is zero")
        status.append("zero" if sign == 0 else "nonzero")
    return SigmaTaylor(coeffs, tuple(status))


#: Shared points tried, in this order, when a model with hidden biases needs one where the
#: activation's coefficients do not vanish (and as the suggestion for an unreachable P).
SHIFTS = tuple(sympy.Rational(v) for v in ("0", "1/2", "-1/2", "1", "-1", "1/3", "2", "3/2"))


@dataclass(frozen=True)
class WidthModel:
    """A class of one-hidden-layer networks and its activation (see the module docstring).

    Examples
    --------
    >>> WidthModel()
    WidthModel('no-bias')
    >>> m = WidthModel.parse("output-bias", activation="tanh")
    >>> m, m.degrees(3)
    (WidthModel('output-bias', activation='tanh'), (1, 3))
    >>> WidthModel.parse("no-bias", activation="sigmoid", at="1/2").name
    'shared-bias'
    """

    hidden_bias: str = "none"
    output_bias: bool = False
    activation: str = "generic"
    at: Any = None
    depth: int = 1

    def __post_init__(self) -> None:
        if self.hidden_bias not in HIDDEN_BIASES:
            raise WidthError(f"hidden_bias must be one of {', '.join(HIDDEN_BIASES)}, "
                             f"not {self.hidden_bias!r}")
        if (self.at is None) != (self.hidden_bias != "shared"):
            raise WidthError("a shared hidden bias needs its point 'at', and only it has one")
        if self.depth not in (1, 2) or isinstance(self.depth, bool):
            raise WidthError(f"depth {self.depth!r}: one or two hidden layers are supported")
        if self.depth == 2 and (self.hidden_bias != "none" or self.activation != "generic"):
            raise WidthError("depth 2 is supported for the generic activation without hidden "
                             "biases (models no-bias and output-bias)")
        try:
            from symflat.nets.activations import get_activation

            act = get_activation(self.activation)
        except ActivationError as error:
            raise WidthError(str(error)) from None
        from symflat.nets.activations import NON_ANALYTIC

        if act.name in NON_ANALYTIC:
            raise WidthError(NON_ANALYTIC[act.name])
        if self.at is not None:
            object.__setattr__(self, "at", _exact_point(self.at))

    # ---------------------------------------------------------------------- reading

    @classmethod
    def parse(cls, name: str = "no-bias", *, activation: str = "generic",
              at: object = None, depth: int = 1) -> WidthModel:
        """The model named ``name`` (``no-bias``, ``output-bias``, ``affine``,
        ``affine+output-bias``) for ``activation``; ``at`` moves every neuron to one shared
        point ``b`` (only in the models without free hidden biases); ``depth`` hidden layers.

        Examples
        --------
        >>> WidthModel.parse("output-bias", depth=2).describe()
        'c + sum_k v_k sigma(sum_j B_kj sigma(a_j.x))'
        """
        if name not in MODEL_NAMES:
            raise WidthError(f"unknown model {name!r}; choose one of {', '.join(MODEL_NAMES)}")
        hidden, output = MODEL_NAMES[name]
        if at is not None:
            if hidden == "free":
                raise WidthError("the affine models give every neuron its own bias; a shared "
                                 "point (at) belongs to no-bias or output-bias")
            hidden = "shared"
        return cls(hidden, output, activation.strip() if isinstance(activation, str)
                   else activation, at, depth)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WidthModel:
        """The inverse of :meth:`to_dict` (JSON, stored sweep rows)."""
        return cls(data["hidden_bias"], bool(data["output_bias"]), data["activation"],
                   data.get("at"), data.get("depth", 1))

    # ---------------------------------------------------------------------- naming

    @property
    def name(self) -> str:
        """``no-bias``, ``output-bias``, ``affine``, ``affine+output-bias``, ``shared-bias``
        or ``shared-bias+output-bias``."""
        base = {"none": "no-bias", "shared": "shared-bias", "free": "affine"}[self.hidden_bias]
        if self.output_bias:
            base = "output-bias" if base == "no-bias" else f"{base}+output-bias"
        return base

    def __repr__(self) -> str:
        extra = "" if self.activation == "generic" else f", activation={self.activation!r}"
        if self.at is not None:
            extra += f", at={str(self.at)!r}"
        if self.depth != 1:
            extra += f", depth={self.depth}"
        return f"WidthModel({self.name!r}{extra})"

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        """The network class in one line, e.g. ``c + sum_j w_j tanh(a_j.x)``."""
        if self.depth == 2:
            return (f"{'c + ' if self.output_bias else ''}"
                    "sum_k v_k sigma(sum_j B_kj sigma(a_j.x))")
        named = self.activation.isidentifier()
        sigma = "sigma" if self.generic or not named else self.activation
        inner = {"none": "a_j.x", "shared": f"{self.at} + a_j.x",
                 "free": "a_j.x + b_j"}[self.hidden_bias]
        where = "" if named else f", sigma(x) = {self.activation}"
        return f"{'c + ' if self.output_bias else ''}sum_j w_j {sigma}({inner}){where}"

    @property
    def key(self) -> str:
        """A short canonical text of the model (sweep jobs and store keys): the model name,
        then ``;sigma=ACT``, ``;at=B`` and ``;depth=2`` when they are not the defaults.

        Examples
        --------
        >>> WidthModel.parse("affine", activation="tanh").key
        'affine;sigma=tanh'
        >>> WidthModel.from_key("output-bias;sigma=sigmoid;at=1/2")
        WidthModel('shared-bias+output-bias', activation='sigmoid', at='1/2')
        >>> WidthModel.from_key(WidthModel(depth=2).key)
        WidthModel('no-bias', depth=2)
        """
        base = {v: k for k, v in MODEL_NAMES.items()}[
            ("free" if self.hidden_bias == "free" else "none", self.output_bias)]
        return ";".join([base, *([f"sigma={self.activation}"] if not self.generic else []),
                         *([f"at={self.at}"] if self.at is not None else []),
                         *([f"depth={self.depth}"] if self.depth != 1 else [])])

    @classmethod
    def from_key(cls, key: str) -> WidthModel:
        """The inverse of :attr:`key`."""
        if not isinstance(key, str):
            raise WidthError(f"a model key is text, not {type(key).__name__}")
        base, *rest = key.split(";")
        fields = dict(item.partition("=")[::2] for item in rest)
        unknown = sorted(set(fields) - {"sigma", "at", "depth"})
        if unknown:
            raise WidthError(f"model {key!r}: unknown part(s) {unknown}")
        depth = fields.get("depth", "1")
        if depth not in ("1", "2"):
            raise WidthError(f"model {key!r}: depth must be 1 or 2")
        return cls.parse(base, activation=fields.get("sigma", "generic"), at=fields.get("at"),
                         depth=int(depth))

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "hidden_bias": self.hidden_bias,
                "output_bias": self.output_bias, "activation": self.activation,
                "at": None if self.at is None else str(self.at), "depth": self.depth}

    # ---------------------------------------------------------------------- the conditions

    @property
    def point(self) -> sympy.Expr:
        """Where the neurons operate: ``at``, else 0."""
        return sympy.Integer(0) if self.at is None else self.at

    @property
    def generic(self) -> bool:
        return self.activation == "generic"

    def taylor(self, degree: int) -> SigmaTaylor:
        """The activation's exact coefficients ``sigma_0..sigma_degree`` at :attr:`point`."""
        return _taylor(self.activation, self.point, degree)

    def degrees(self, degree: int) -> tuple[int, ...]:
        """The constrained degrees ``k <= degree``: ``sigma_k != 0`` (and ``k >= 1`` with an
        output bias). With free hidden biases every degree is constrained."""
        first = 1 if self.output_bias else 0
        if self.hidden_bias == "free":
            return tuple(range(first, degree + 1))
        zeros = set(self.taylor(degree).zeros)
        return tuple(k for k in range(first, degree + 1) if k not in zeros)

    def standard(self, degree: int) -> bool:
        """Whether every degree is constrained (the setting of the generic theory)."""
        return self.degrees(degree) == tuple(range(1 if self.output_bias else 0, degree + 1))

    def unreachable(self, data: Polynomial) -> str | None:
        """Why no network of this model Taylor-approximates ``P`` (``None``: it may)."""
        if self.hidden_bias == "free":
            return None
        d = data.degree
        constrained = set(self.degrees(d))
        missing = [k for k in data.parts() if k not in constrained
                   and not (k == 0 and self.output_bias)]
        if not missing:
            return None
        where = "0" if self.at is None else str(self.at)
        return (f"{self.activation} has sigma_k = 0 at {where} for k = "
                f"{', '.join(map(str, missing))}, so every network of this model has no term of "
                f"degree {', '.join(map(str, missing))}, while P has")

    def reaching(self, data: Polynomial) -> WidthModel | None:
        """A model that reaches ``P`` when this one cannot: the same class with one shared
        point ``b`` (the first of :data:`SHIFTS` where every needed coefficient is non-zero)."""
        if self.hidden_bias == "free":
            return None
        name = "output-bias" if self.output_bias else "no-bias"
        for b in SHIFTS:
            if b == self.point:
                continue
            model = WidthModel.parse(name, activation=self.activation, at=b)
            if model.unreachable(data) is None:
                return model
        return WidthModel.parse("affine+output-bias" if self.output_bias else "affine",
                                activation=self.activation)

    def at_point(self, b: object) -> WidthModel:
        """This model's activation and output bias with every neuron at the shared point ``b``
        (``b = 0``: no hidden bias)."""
        b = _exact_point(b)
        if b == 0:
            return replace(self, hidden_bias="none", at=None)
        return replace(self, hidden_bias="shared", at=b)

    def hypothesis(self) -> str:
        """What a bound for this model's named activation assumes of sigma, in words (the
        generic activation's hypothesis depends on the degrees: see ``LowerBound``)."""
        return f"sigma = {self.activation} (its exact Taylor coefficients at {self.point})"


def _exact_point(value: object) -> sympy.Expr:
    from symflat.exact.expressions import to_expression

    try:
        point = to_expression(value)
    except (ExpressionError, TypeError, ValueError) as error:
        raise WidthError(f"the shared point must be an exact number: {error}") from None
    if point.free_symbols or not point.is_real:
        raise WidthError(f"the shared point must be a real number, not {value!r}")
    return point


def as_model(model: object = "no-bias", activation: str | None = None,
             at: object = None, depth: int | None = None) -> WidthModel:
    """A :class:`WidthModel` from a value or a model name (with ``activation`` and ``at``).

    Examples
    --------
    >>> as_model("affine").describe()
    'sum_j w_j sigma(a_j.x + b_j)'
    >>> as_model("bias")
    Traceback (most recent call last):
    ...
    symflat.width.polynomials.WidthError: unknown model 'bias'; choose one of no-bias, \
output-bias, affine, affine+output-bias
    """
    if isinstance(model, WidthModel):
        if (activation not in (None, model.activation) or at is not None
                or depth not in (None, model.depth)):
            raise WidthError("give the activation, the point and the depth inside the "
                             "WidthModel, not beside it")
        return model
    if not isinstance(model, str):
        raise WidthError(f"a model is a WidthModel or a name, not {type(model).__name__}")
    return WidthModel.parse(model, activation=activation or "generic", at=at,
                            depth=1 if depth is None else depth)
