"""The gallery: every network by name, its size estimate, its limits."""

from __future__ import annotations

import pytest

from symflat.errors import NetworkError
from symflat.paper.gallery import GALLERY, build

SIZES = {"flat_product": [1, 2, 5, 9], "deep_product": [1, 2, 7, 16], "bit_product": [1, 3, 8],
         "fft": [1, 2, 8, 32], "walsh_hadamard": [1, 2, 8, 32], "low_rank": [2, 4, 16],
         "strassen": [1, 2, 4, 8], "naive_matmul": [1, 2, 4], "matmul_linear": [1, 2, 4, 8]}


@pytest.mark.parametrize("name", sorted(SIZES))
def test_size_estimate_bounds_the_built_graph(name):
    assert set(SIZES) == {key for key, entry in GALLERY.items() if entry.meaning}
    for n in SIZES[name]:
        try:
            net = build(name, n)
        except NetworkError:  # a size the builder does not accept (e.g. not a power of 2)
            continue
        assert net.synapse_count <= GALLERY[name].synapses(n), (name, n)


@pytest.mark.parametrize("name, n", [("flat_product", 30), ("flat_product", 10**6),
                                     ("deep_product", 10**9), ("bit_product", 10**6),
                                     ("fft", 2**20), ("walsh_hadamard", 2**20),
                                     ("low_rank", 10**5), ("strassen", 4096),
                                     ("naive_matmul", 1000), ("matmul_linear", 2**10),
                                     ("flat_product", 10**100)])
def test_oversized_requests_are_refused_before_building(name, n):
    with pytest.raises(NetworkError, match="more than 250000 synapses; choose a smaller n"):
        build(name, n)


def test_the_limit_is_configurable():
    assert build("flat_product", 4, max_synapses=80).synapse_count == 80
    with pytest.raises(NetworkError, match="more than 79 synapses"):
        build("flat_product", 4, max_synapses=79)


def test_options_are_named_correctly():
    with pytest.raises(NetworkError, match=r"as `n`, not as k"):
        build("bit_product", None, k=3)
    with pytest.raises(NetworkError, match=r"does not take k \(it takes: lam, shift\)"):
        build("deep_product", 3, k=3)
