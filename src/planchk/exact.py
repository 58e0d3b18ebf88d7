"""Exact comparisons for the numbers a status depends on.

Paces and growth rates involve fractional powers (a compound path, `(1 + c)^s - 1`), which are
irrational in general. planchk never rounds them before a decision: a `Surd` keeps
`a + b * base^(p/q)` symbolically and compares it with a rational number by raising both sides to
the integer power `q`, so "equal to the target" and "R exactly 0.95" are decided exactly.

Raising fractions to powers is the costly part, so the comparisons that need a power are
screened first in float64 (`screened`): where the float difference is larger than `MARGIN`
times the magnitudes involved, no rounding error of float64 can change its sign, and that sign
is the exact one; only a difference inside the margin (a value on or next to a threshold) is
decided with fractions. The screen never changes a result, only how fast it is found.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import and_, lt, mul

from planchk.rational import Fraction
from planchk.spec import Comparator

#: The float screen's margin, relative to the magnitudes involved. The floats it compares are
#: at most a few roundings away from the exact numbers (a conversion, a product, `exp(log(b)·p/q)`
#: with its exponent below 710), each at most 2^-53 ≈ 1.1e-16 of the magnitude, and
#: `exp`'s error grows with its argument; 1e-12 leaves more than a hundredfold for all of them.
MARGIN = 1e-12

#: Below this magnitude floats lose digits (subnormal numbers): the screen does not decide.
_SMALLEST = 1e-290


def sign(x: Fraction | int) -> int:
    return (x > 0) - (x < 0)


def screened(difference: float, magnitude: float) -> int | None:
    """The sign of an exact difference from its float approximation `difference`, when float64
    certifies it, else None (decide exactly). `magnitude` bounds the absolute value of every term
    the difference was computed from (an overflow or a NaN makes it undecided, never a sign)."""
    if _SMALLEST < magnitude < math.inf and abs(difference) > MARGIN * magnitude:
        return 1 if difference > 0 else -1
    return None


def certified_negative(differences: Iterable[float], magnitudes: Sequence[float]) -> list[bool]:
    """For each pair, whether `screened(difference, magnitude)` is -1 (float64 certifies the
    exact difference negative), for a whole column at once: the steps run inside `map()`, with
    no Python code per pair. `difference < -MARGIN * magnitude` is `screened`'s test for a
    negative sign; an infinite or NaN magnitude makes it false, as `screened` leaves it open."""
    thresholds = map(mul, magnitudes, repeat(-MARGIN))
    return list(map(and_, map(lt, differences, thresholds), map(lt, repeat(_SMALLEST), magnitudes)))


def power_sign(value: Fraction, base: Fraction, n: int) -> int:
    """sign(value - base**n) for n >= 0, screened in floats and exact inside the margin."""
    try:
        power = float(base) ** n
        approximate = float(value)
    except OverflowError:
        power = approximate = math.nan
    found = screened(approximate - power, abs(approximate) + abs(power))
    return found if found is not None else sign(value - base**n)


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
        """sign(x - self), exactly (screened in floats, see the module's docstring)."""
        if self.is_rational:
            return sign(x - (self.a + self.b))
        found = self._screen(x)
        if found is not None:
            return found
        y = (x - self.a) / self.b  # compare y with r = base^(p/q) > 0
        result = -1 if y <= 0 else sign(y**self.q - self.base**self.p)
        return result if self.b > 0 else -result

    def _screen(self, x: Fraction) -> int | None:
        """sign(x - self) from floats, or None when float64 cannot certify it."""
        try:
            a, b, fx = float(self.a), float(self.b), float(x)
            term = b * math.exp(math.log(self.base) * self.p / self.q)
        except (OverflowError, ValueError):
            return None
        return screened(fx - a - term, abs(fx) + abs(a) + abs(term))

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
