r"""The Taylor-coefficient system of a two-hidden-layer network, relaxed for lower bounds.

A network ``y = [c +] sum_k v_k sigma(u_k)``, ``u_k = sum_j B_kj sigma(a_j . x)`` with
``m1`` first-layer and ``m2`` second-layer neurons. With ``sigma(t) = sum_i sigma_i t^i`` at 0
(the first layer's point) and ``U_k = u_k - u_k(0) = sum_j B_kj sum_{i>=1} sigma_i (a_j.x)^i``,
the second-layer neuron ``k`` works at ``c_k = sigma_0 sum_j B_kj``, where its Taylor
coefficients are ``T_ki = sigma^(i)(c_k)/i!``; through degree ``d``

    y = [c] + sum_k sum_{i=0..d} v_k T_ki U_k^i.

**The relaxation.** The unknowns are the points ``a_j``, the weights ``B_kj``, and
``tau_ki = v_k T_ki`` (``i = 1..d``) as *free* numbers, together with ``sigma_3..sigma_d``
(free too); the equations are the coefficients of ``y - P`` of degree ``1..d`` (degree 0 is
left out: ``tau_k0`` is free). Every real network is a solution, whatever sigma is away from 0,
so a system without a complex solution (a Gröbner basis ``[1]``) proves that no network of
this shape exists, for every sigma with the hypotheses below. Two exact reductions keep it
small:

* *Scaling.* ``a_j = t a'_j`` and ``B = s B'`` turn the first layer's ``sigma_i`` into
  ``s t^i sigma_i``; with ``sigma_1 sigma_2 != 0`` the choice ``t = sigma_1/sigma_2``,
  ``s = sigma_2/sigma_1^2`` makes ``sigma_1 = sigma_2 = 1``: the system with these values has a
  solution exactly when the system with the true ones has.
* *Monotone sigma.* ``tau_k1 r_k = 1`` (Rabinowitsch) says ``v_k sigma'(c_k) != 0``. Neurons with
  ``v_k = 0`` can be removed, and any network is padded up to the split by second-layer neurons
  with ``B_k = 0`` (they add a constant only; ``sigma'(0) = sigma_1 != 0``) and first-layer
  neurons no one reads; so for every sigma with ``sigma' != 0`` on the real line (every strictly
  monotone activation) no solution for every split ``m1 + m2 = m`` means no network with at
  most ``m`` neurons.

**One activation: exp.** For ``sigma = exp`` nothing is free: ``sigma_i = 1/i!`` and
``v_k sigma^(i)(c_k)/i! = w_k / i!`` with ``w_k = v_k e^(c_k)``, so the second layer's unknowns
are the ``w_k`` alone and the degree-0 equation ``sum_k w_k = P_0`` stays (without output bias).
No complex solution proves that no network with ``sigma = exp`` exists; exp satisfies every
hypothesis of :mod:`symflat.width.deep` (``sigma_i != 0``, ``sigma > 0``, ``sigma' > 0``), so
a construction that works for every such sigma needs at least as many neurons. Neurons with
``w_k = 0`` pad any smaller network up to the split.

Examples
--------
>>> from symflat.width.polynomials import as_polynomial
>>> eqs, unknowns = depth2_system(as_polynomial("x1^2"), 1, 1)
>>> unknowns
('a1_1', 'B1_1', 'tau1_1', 'tau1_2', 'r1')
>>> [str(e) for e in eqs]
['B1_1*a1_1*tau1_1', 'B1_1**2*a1_1**2*tau1_2 + B1_1*a1_1**2*tau1_1 - 1', 'r1*tau1_1 - 1']
>>> eqs, unknowns = depth2_system(as_polynomial("x1^2"), 1, 1, "exp", output_bias=False)
>>> unknowns, [str(e) for e in eqs]
(('a1_1', 'B1_1', 'w1'), ['w1', 'B1_1*a1_1*w1', 'B1_1**2*a1_1**2*w1/2 + B1_1*a1_1**2*w1/2 - 1'])
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial

from symflat.exact.polynomial import Polynomial
from symflat.width.polynomials import WidthError

__all__ = ["SIGMAS", "depth2_system", "system_unknowns"]

#: The systems: every sigma with the hypotheses (``relaxed``), or ``exp``.
SIGMAS = ("relaxed", "exp")


def system_unknowns(nvars: int, degree: int, m1: int, m2: int,
                    sigma: str = "relaxed") -> tuple[str, ...]:
    """The unknowns of :func:`depth2_system`, in its order: ``a{j}_{i}``, ``B{k}_{j}``, then
    ``tau{k}_{i}``, ``sigma3..sigma{d}``, ``r{k}`` (relaxed) or ``w{k}`` (exp)."""
    base = (tuple(f"a{j}_{i}" for j in range(1, m1 + 1) for i in range(1, nvars + 1))
            + tuple(f"B{k}_{j}" for k in range(1, m2 + 1) for j in range(1, m1 + 1)))
    if sigma == "exp":
        return base + tuple(f"w{k}" for k in range(1, m2 + 1))
    return (base + tuple(f"tau{k}_{i}" for k in range(1, m2 + 1) for i in range(1, degree + 1))
            + tuple(f"sigma{i}" for i in range(3, degree + 1))
            + tuple(f"r{k}" for k in range(1, m2 + 1)))


def depth2_system(data: Polynomial, m1: int, m2: int, sigma: str = "relaxed", *,
                  output_bias: bool = True) -> tuple[list[Polynomial], tuple[str, ...]]:
    """The equations for ``m1`` first-layer and ``m2`` second-layer neurons (see the module
    docstring), as polynomials in :func:`system_unknowns`.

    Parameters
    ----------
    data : Polynomial
        The target ``P`` (degree at least 2).
    m1, m2 : int
        The layer widths (at least 1 each).
    sigma : {"relaxed", "exp"}
        Every sigma with the hypotheses (free second-layer coefficients), or exp.
    output_bias : bool
        With ``exp``: whether the degree-0 equation is free (the relaxed system never has it).
    """
    if sigma not in SIGMAS:
        raise WidthError(f"sigma must be one of {', '.join(SIGMAS)}, not {sigma!r}")
    d = data.degree
    if d < 2:
        raise WidthError("the depth-2 system needs a polynomial of degree at least 2")
    if m1 < 1 or m2 < 1:
        raise WidthError("each hidden layer needs at least one neuron")
    xs = data.variables
    if set(xs) & {"a", "B", "tau", "sigma", "r"}:
        raise WidthError("variable names clash with the unknowns")
    unknowns = system_unknowns(len(xs), d, m1, m2, sigma)
    names = (*xs, *unknowns)
    nx = len(xs)

    def var(name: str) -> Polynomial:
        return Polynomial(names, {tuple(int(n == name) for n in names): 1})

    one = Polynomial(names, {(0,) * len(names): 1})
    if sigma == "exp":
        coefficient = {i: one * Fraction(1, factorial(i)) for i in range(d + 1)}
    else:
        coefficient = {1: one, 2: one, **{i: var(f"sigma{i}") for i in range(3, d + 1)}}
    forms = [sum((var(f"a{j}_{i}") * var(xs[i - 1]) for i in range(1, nx + 1)),
                 Polynomial(names, {})) for j in range(1, m1 + 1)]
    # sum_i sigma_i (a_j.x)^i, truncated: the first layer's output less its value at 0
    zero = Polynomial(names, {})
    # graded by the degree in x (index = degree), so that no product computes a term of
    # degree above d: pieces[e] of a power p is sum_i u[i] * previous[e - i]
    layer1 = []
    for form in forms:
        powers = [one]
        for _ in range(d):
            powers.append(powers[-1] * form)
        layer1.append([zero] + [coefficient[i] * powers[i] for i in range(1, d + 1)])
    y = zero
    for k in range(1, m2 + 1):
        u = [sum((var(f"B{k}_{j}") * layer1[j - 1][e] for j in range(1, m1 + 1)), zero)
             for e in range(d + 1)]
        power = u
        for p in range(1, d + 1):
            if p > 1:
                power = [sum((u[i] * power[e - i] for i in range(1, e - p + 2)), zero)
                         if e >= p else zero for e in range(d + 1)]
            weight = (var(f"w{k}") * coefficient[p] if sigma == "exp"
                      else var(f"tau{k}_{p}"))
            y = y + weight * sum(power, zero)
        if sigma == "exp":  # the degree-0 term w_k
            y = y + var(f"w{k}")
    target = Polynomial(names, {(*e, *(0,) * len(unknowns)): c for e, c in data.terms.items()})
    difference = y - target
    lowest = 0 if sigma == "exp" and not output_bias else 1
    grouped: dict[tuple[int, ...], dict[tuple[int, ...], Fraction]] = {}
    for e, c in difference.terms.items():
        if lowest <= sum(e[:nx]) <= d:
            grouped.setdefault(e[:nx], {})[e[nx:]] = c
    equations = [Polynomial(unknowns, grouped[m]) for m in sorted(grouped)]
    if sigma == "exp":
        return equations, unknowns
    for k in range(1, m2 + 1):  # r_k tau_k1 = 1: tau_k1 != 0
        product = tuple(int(n in (f"r{k}", f"tau{k}_1")) for n in unknowns)
        equations.append(Polynomial(unknowns, {product: 1, (0,) * len(unknowns): -1}))
    return equations, unknowns
