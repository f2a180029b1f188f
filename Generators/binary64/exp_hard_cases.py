#!/usr/bin/env python3
"""Search for hard-to-round binary64 inputs of exp near 0 by inverting midpoints.

For x in a binade [2^e, 2^(e+1)) (and its negative) with e ≤ -30, exp(x) lies in
[1, 2) (or in [1/2, 1)), where the rounding midpoints are 1 + (2n+1)·2^-53
(or 1 − (2n+1)·2^-54). For every midpoint μ of the binade's range we compute
x* = log1p(μ − 1) in 256-bit integer fixed point (a truncated Taylor series,
error < 2^-200) and the binary64 x nearest to x*. Then
|exp(x) − μ| ≈ |x − x*|·exp(x), so the hardness of x — how many bits after
the rounding bit of exp(x) repeat — is about −log2(|x − x*|/ulp(exp(x))).
Each midpoint gives one candidate whose distance is uniformly spread over
[0, ulp(x)/2], so scanning the 2^(52+e) midpoints of a binade finds inputs
with about 52 repeated bits — as hard as the published worst cases.

Every reported input is re-checked with mpmath at 400 bits; the file lists the
inputs whose exact exp(x) lies within 2^-(53+MIN_HARDNESS) relative of a
midpoint, hardest first per binade.

    python3 Generators/binary64/exp_hard_cases.py > cases.txt   (about a minute)
"""
import sys
import mpmath
from mpmath import mpf

mpmath.mp.prec = 400
F = 256                 # fixed-point fraction bits
ONE = 1 << F
MIN_HARDNESS = 48       # keep inputs with ≥ 44 identical bits after the rounding bit
E_RANGE = range(-52, -30)


def log1p_fixed(y):
    """log1p(y) for a fixed-point y (|y| < 2^-30), to 2^-250."""
    s, p, i = 0, y, 1
    while p != 0 and i < 12:
        s += p // i if p >= 0 else -((-p) // i)
        p = -(p * y >> F)
        i += 1
    return s


def hardness(x):
    """−log2(|exp(x) − nearest midpoint| / ulp(exp(x))), with mpmath."""
    v = mpmath.exp(mpf(x))
    e = int(mpmath.floor(mpmath.log(v, 2)))
    ulp = mpf(2) ** (e - 52)
    t = v / ulp
    d = abs(t - mpmath.floor(t) - mpf(1) / 2)
    return float(-mpmath.log(d, 2)) if d != 0 else float("inf")


def scan(e, negative):
    out = []
    ulp_x_bits = e - 52              # x = I·2^(e−52)
    if not negative:
        # midpoints 1 + (2n+1)·2^-53 with exp(2^e) ≤ μ < exp(2^(e+1))
        lo = int(mpmath.floor(mpmath.expm1(mpf(2) ** e) * mpf(2) ** 53))
        hi = int(mpmath.ceil(mpmath.expm1(mpf(2) ** (e + 1)) * mpf(2) ** 53))
        step, sign = 1, 1
    else:
        lo = int(mpmath.floor(-mpmath.expm1(-mpf(2) ** e) * mpf(2) ** 54))
        hi = int(mpmath.ceil(-mpmath.expm1(-mpf(2) ** (e + 1)) * mpf(2) ** 54))
        sign = -1
    for odd in range(lo | 1, hi + 1, 2):
        y = (odd << (F - 53)) if not negative else -(odd << (F - 54))
        xs = log1p_fixed(y)                       # x* in fixed point
        # x*/ulp(x) = xs·2^-(F) · 2^(52 − e)
        shift = F - (52 - e)
        q, r = divmod(abs(xs), 1 << shift)
        if r >= (1 << (shift - 1)):
            q, r = q + 1, (1 << shift) - r
        if not ((1 << 52) <= q < (1 << 53)):
            continue
        # distance |x − x*| in ulp(x) is r/2^shift; times 2^e·exp(x)/ulp(exp(x)) ≈ 2^(e) (x>0) or 2^(e+1) (x<0)
        dist = r / float(1 << shift) * 2.0 ** (e if not negative else e + 1)
        if dist == 0 or dist < 2.0 ** -MIN_HARDNESS:
            x = sign * q * 2.0 ** ulp_x_bits
            out.append(x)
    return out


def main():
    print("# Hard-to-round binary64 inputs for exp, found by Generators/binary64/exp_hard_cases.py")
    print("# (midpoint inversion near 0: for every rounding midpoint μ of exp over the binades")
    print("# ±[2^-52, 2^-30), x* = log1p(μ − 1) in 256-bit fixed point and the nearest binary64 x;")
    print(f"# kept when mpmath at 400 bits confirms ≥ {MIN_HARDNESS} identical bits after exp(x)'s rounding bit).")
    print("# The number after each input: that count of identical bits (hardness).")
    total = 0
    for e in E_RANGE:
        for negative in (False, True):
            found = [(hardness(x), x) for x in scan(e, negative)]
            found = sorted((h, x) for h, x in found if h >= MIN_HARDNESS)[::-1]
            for h, x in found:
                print(f"{x.hex()}  # {h:.1f}")
            total += len(found)
            print(f"binade 2^{e} {'negative' if negative else 'positive'}: {len(found)}", file=sys.stderr)
    print(f"{total} inputs", file=sys.stderr)


if __name__ == "__main__":
    main()
