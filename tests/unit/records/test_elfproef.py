"""The BSN eleven test, written once (``bsn_check_digit``) for the validator and the generator."""

from __future__ import annotations

import random

import pytest

from genogram_service.records.common import bsn_check_digit, elfproef


def eleven_test(value: str) -> bool:
    """The rule as published: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11."""
    digits = [int(c) for c in value]
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return sum(w * d for w, d in zip(weights, digits, strict=True)) % 11 == 0


@pytest.mark.parametrize("value", ["123456782", "111222333", "999999990"])
def test_known_valid_bsns_pass(value: str) -> None:
    assert elfproef(value)


@pytest.mark.parametrize("value", [
    "123456789",  # fails the test
    "000000000",  # passes the arithmetic, but is no BSN
    "12345678",  # too short
    "1234567820",  # too long
    "12345678a",
    "１２３４５６７８２",  # full-width digits: isdigit() but not ASCII
])
def test_invalid_values_fail(value: str) -> None:
    assert not elfproef(value)


def test_agrees_with_the_published_rule_on_a_sample() -> None:
    rng = random.Random(13)
    for _ in range(20_000):
        value = f"{rng.randrange(1, 10**9):09d}"
        assert elfproef(value) == eleven_test(value), value


def test_check_digit_completes_a_prefix_or_says_none_exists() -> None:
    rng = random.Random(29)
    nones = 0
    for _ in range(5_000):
        prefix = f"{rng.randrange(10**8):08d}"
        check = bsn_check_digit(prefix)
        candidates = [d for d in range(10) if eleven_test(prefix + str(d))]
        if check is None:
            nones += 1
            assert candidates == []
        else:
            assert candidates == [check]
    assert 300 < nones < 700  # about 1 in 11 prefixes has no valid ninth digit
