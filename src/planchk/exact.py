"""Exact comparisons for the numbers a status depends on.

Paces and growth rates involve fractional powers (a compound path, `(1 + c)^s - 1`), which are
irrational in general. planchk never rounds them before a decision: a `Surd` keeps
`a + b * base^(p/q)` symbolically and compares it with a rational number by raising both sides to
the integer power `q`, so "equal to the target" and "R exactly 0.95" are decided exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planchk.rational import Fraction
from planchk.spec import Comparator


def sign(x: Fraction | int) -> int:
    return (x > 0) - (x < 0)


@dataclass(frozen=True, slots=True)
class Surd:
    """The number `a + b * base ** (p / q)`, with `base > 0`, `p >= 0` and `q > 0`."""

    a: Fraction
    b: Fraction = Fraction(0)
    base: Fraction = Fraction(1)
    p: int = 0
    q: int = 1

    @classmethod
    def rational(cls, value: Fraction) -> Surd:
        return cls(value)

    def __post_init__(self) -> None:
        if self.b != 0 and self.p != 0 and self.base <= 0:
            raise ValueError("a fractional power needs a positive base")

    @property
    def is_rational(self) -> bool:
        return self.b == 0 or self.p == 0 or self.base == 1

    def scale(self, k: Fraction) -> Surd:
        return Surd(self.a * k, self.b * k, self.base, self.p, self.q)

    def shift(self, k: Fraction) -> Surd:
        return Surd(self.a + k, self.b, self.base, self.p, self.q)

    def compare(self, x: Fraction) -> int:
        """sign(x - self), exactly."""
        if self.is_rational:
            return sign(x - (self.a + self.b))
        y = (x - self.a) / self.b  # compare y with r = base^(p/q) > 0
        result = -1 if y <= 0 else sign(y**self.q - self.base**self.p)
        return result if self.b > 0 else -result

    def sign(self) -> int:
        return -self.compare(Fraction(0))

    def __float__(self) -> float:
        if self.is_rational:
            return float(self.a + self.b)
        return float(self.a) + float(self.b) * math.exp(math.log(self.base) * self.p / self.q)


def satisfies(difference_sign: int, comparator: Comparator) -> bool:
    """Whether `value - bound` having `difference_sign` satisfies `comparator` (not ABOUT)."""
    match comparator:
        case Comparator.AT_LEAST:
            return difference_sign >= 0
        case Comparator.MORE_THAN:
            return difference_sign > 0
        case Comparator.AT_MOST:
            return difference_sign <= 0
        case Comparator.LESS_THAN:
            return difference_sign < 0
    raise ValueError(f"{comparator} has no single bound")
