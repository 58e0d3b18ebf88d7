"""The exact sign of `x − (k·y + c)` for the radicals `x = a^(1/n)`, `y = b^(1/n)`.

A target tied to another indicator's growth (全员劳动生产率增长高于GDP增长) compares two average
growths over the same `n` years, `g = a^(1/n) − 1` and `g_ref = b^(1/n) − 1`, with `a` and `b`
the two indicators' rational growth factors `V_t/V_B`. Both are usually irrational. Whether
`g ≥ g_ref` is easy in level space (`a ≥ b`); the progress thresholds (`R = g / g_ref ≥ k`, that
is `x ≥ k·y + (1 − k)` when `g_ref > 0`) and `about` tolerances need the sign of `x − (k·y + c)`
for rationals `k`, `c`. It is decided here exactly, in three steps:

1. `z = k·y + c` has an exact sign (compare `y` with `−c/k` by raising both to the n-th power).
   If `z ≤ 0`, then `x − z > 0`, since `x > 0`.
2. Otherwise `x − z` has the sign of `a − z^n` (t ↦ t^n is increasing on t > 0). Let `d` be the
   degree of `y` over Q: for a positive real radical it is the smallest `d` dividing `n` with
   `r = y^d = b^(d/n)` rational (`degree`). Expanding `z^n = Σ C(n,j)·k^j·c^(n−j)·y^j` and
   reducing `y^j = r^(j div d)·y^(j mod d)` writes `z^n` as a rational combination of
   `1, y, …, y^(d−1)`, which are linearly independent over Q. So `z^n = a` exactly iff every
   coefficient of `y^1 … y^(d−1)` is zero and the constant one equals `a`: then the sign is 0.
3. Otherwise `x − z ≠ 0`, and interval evaluation decides its sign: `x` and `y` are bracketed
   between rationals with integer n-th roots at `p` binary digits (`_bracket`), the interval of
   `x − k·y − c` is formed, and `p` is doubled until the interval excludes 0, which it must.

No float takes part, so "a referenced growth equal to the actual" is an equality, and R exactly
0.95 is on track.
"""

from __future__ import annotations

from math import comb

from planchk.rational import Fraction


def integer_root(value: int, n: int) -> int:
    """⌊value^(1/n)⌋ for value ≥ 0 and n ≥ 1, by Newton's method on integers."""
    if value < 0 or n < 1:
        raise ValueError("integer_root needs value >= 0 and n >= 1")
    if value < 2 or n == 1:
        return value
    guess = 1 << -(-value.bit_length() // n)  # 2^⌈bits/n⌉ is at least the root
    while True:
        better = ((n - 1) * guess + value // guess ** (n - 1)) // n
        if better >= guess:
            break
        guess = better
    while guess**n > value:  # Newton from above stops at the floor; guard the last step
        guess -= 1
    while (guess + 1) ** n <= value:
        guess += 1
    return guess


def rational_root(value: Fraction, n: int) -> Fraction | None:
    """`value^(1/n)` when it is rational (numerator and denominator n-th powers), else None."""
    if value <= 0:
        raise ValueError("rational_root needs a positive value")
    top, bottom = integer_root(value.numerator, n), integer_root(value.denominator, n)
    if top**n == value.numerator and bottom**n == value.denominator:
        return Fraction(top, bottom)
    return None


def degree(b: Fraction, n: int) -> tuple[int, Fraction]:
    """`(d, r)`: the degree `d` of `y = b^(1/n)` over Q, the smallest divisor of `n` with
    `r = y^d = b^(d/n)` rational."""
    for d in range(1, n + 1):
        if n % d == 0:
            root = rational_root(b, n // d)
            if root is not None:
                return d, root
    raise AssertionError("d = n always gives a rational y^d = b")  # pragma: no cover


def _sign(value: Fraction) -> int:
    return (value > 0) - (value < 0)


def linear_sign(b: Fraction, n: int, k: Fraction, c: Fraction) -> int:
    """The sign of `k·y + c` with `y = b^(1/n) > 0`, exactly."""
    if k == 0:
        return _sign(c)
    if c == 0:
        return _sign(k)
    point = -c / k  # k·y + c = k·(y − point)
    if point <= 0:
        return _sign(k)
    return _sign(k) * _sign(b - point**n)  # y vs point, as y^n = b vs point^n


def power_coefficients(b: Fraction, n: int, k: Fraction, c: Fraction) -> list[Fraction]:
    """`(k·y + c)^n` as the coefficients of `1, y, …, y^(d−1)` (d the degree of y)."""
    d, r = degree(b, n)
    coefficients = [Fraction(0)] * d
    for j in range(n + 1):
        term = comb(n, j) * k**j * c ** (n - j)
        if term:
            coefficients[j % d] += term * r ** (j // d)
    return coefficients


def _bracket(value: Fraction, n: int, bits: int) -> tuple[Fraction, Fraction]:
    """Rationals `lo ≤ value^(1/n) < hi` with `hi − lo = 2^−bits`."""
    scale = 1 << bits
    scaled = value.numerator * scale**n // value.denominator  # ⌊value·2^(n·bits)⌋
    root = integer_root(scaled, n)
    return Fraction(root, scale), Fraction(root + 1, scale)


def radical_sign(a: Fraction, b: Fraction, n: int, k: Fraction, c: Fraction) -> int:
    """The sign of `a^(1/n) − (k·b^(1/n) + c)` for positive rationals `a`, `b`, exactly."""
    if a <= 0 or b <= 0 or n < 1:
        raise ValueError("radical_sign needs a > 0, b > 0 and n >= 1")
    if linear_sign(b, n, k, c) <= 0:
        return 1
    coefficients = power_coefficients(b, n, k, c)
    if all(x == 0 for x in coefficients[1:]) and coefficients[0] == a:
        return 0
    bits = 64
    while True:
        x_lo, x_hi = _bracket(a, n, bits)
        y_lo, y_hi = _bracket(b, n, bits)
        ky_lo, ky_hi = sorted((k * y_lo, k * y_hi))
        if x_lo - ky_hi - c > 0:
            return 1
        if x_hi - ky_lo - c < 0:
            return -1
        bits *= 2
