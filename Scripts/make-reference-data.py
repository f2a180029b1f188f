#!/usr/bin/env python3
"""Writes Tests/EvoMathReferenceTests/Data/mpmath-reference.tsv: correctly rounded
exp and log values computed independently of MPFR, with mpmath at 400 bits and a
rounding into each format written here from its definition.

Usage: python3 Scripts/make-reference-data.py   (needs `pip install mpmath`)
The output is deterministic (fixed seed); the test that reads it is
EvoMathReferenceTests/IndependentReferenceTests.swift.
"""
import math
import os
import random

import mpmath
from mpmath import mp, mpf

mp.prec = 400

# name: (precision, emin, emax)
FORMATS = {
    "binary16": (11, -14, 15),
    "bfloat16": (8, -126, 127),
    "binary32": (24, -126, 127),
    "binary64": (53, -1022, 1023),
    "p12e5": (12, -14, 15),
}


def largest(p, emin, emax):
    return mp.ldexp(mpf(2) - mp.ldexp(1, 1 - p), emax)


def round_to(v, p, emin, emax):
    """v rounded to nearest (ties to even) in the format, as a Python float."""
    if v == 0:
        return 0.0
    sign = -1.0 if v < 0 else 1.0
    a = abs(v)
    _, ex = mp.frexp(a)  # a = m 2^ex, 1/2 <= m < 1
    e = int(ex) - 1
    q = max(e, emin) - p + 1
    n = mp.ldexp(a, -q)
    fl = int(mp.floor(n))
    frac = n - fl
    if frac > mpf(0.5) or (frac == mpf(0.5) and fl % 2 == 1):
        fl += 1
    r = mp.ldexp(mpf(fl), q)
    if r > largest(p, emin, emax):
        return sign * math.inf
    return sign * float(r)


def random_value(rng, p, emin, emax, e, sign):
    """A random value of the format in binade e."""
    frac = rng.getrandbits(p - 1)
    v = mp.ldexp(mpf((1 << (p - 1)) | frac), e - (p - 1))
    return sign * round_to(v, p, emin, emax)


def neighbours(t, p, emin, emax):
    """Format values on both sides of the real t."""
    out = set()
    for k in range(-3, 4):
        out.add(round_to(t * (1 + mp.ldexp(k, -p - 1)), p, emin, emax))
    return sorted(x for x in out if math.isfinite(x))


def rows():
    rng = random.Random(2026)
    for name, (p, emin, emax) in FORMATS.items():
        tiny = mp.ldexp(1, emin - p + 1)
        big = largest(p, emin, emax)
        # exp: random inputs over the binades where it is neither 1 nor
        # overflowing, both signs.
        top = int(math.ceil(math.log2(float(mp.log(big))))) + 1
        for e in range(-p - 3, top):
            for sign in (1, -1):
                for _ in range(3 if name != "binary64" else 2):
                    yield "exp", name, "random", random_value(rng, p, emin, emax, e, sign)
        # exp: thresholds of overflow, of subnormal results, of underflow to 0.
        ulp_big = mp.ldexp(1, emax - p + 1)
        for t in (mp.log(big + ulp_big / 2), mp.log(mp.ldexp(1, emin)), mp.log(tiny / 2), mp.log(tiny)):
            for x in neighbours(t, p, emin, emax):
                yield "exp", name, "boundary", x
        # log: random positive inputs over every binade (a sample of them for
        # binary64), and the format's extremes.
        lowest = emin - p + 1
        binades = list(range(lowest, emax + 1))
        if len(binades) > 300:
            binades = sorted(rng.sample(binades, 300))
        for e in binades:
            for _ in range(2):
                x = random_value(rng, p, emin, emax, e, 1)
                if x != 0:
                    yield "log", name, "random", x
        for x in (float(tiny), float(mp.ldexp(1, emin)), float(big), 1.0 + float(mp.ldexp(1, 1 - p)),
                  1.0 - float(mp.ldexp(1, -p)), 2.0, 0.5):
            yield "log", name, "boundary", x
    # Known hardest binary64 cases (Lefèvre; issue 2).
    yield "exp", "binary64", "hard", float.fromhex("0x1.9e9cbbfd6080bp-31")
    yield "exp", "binary64", "hard", float.fromhex("-0x1.a2fefefd580dfp-13")
    yield "log", "binary64", "hard", float.fromhex("0x1.ac50b409c8aeep+8")


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "Tests", "EvoMathReferenceTests", "Data", "mpmath-reference.tsv")
    lines = ["# function\tformat\tkind\tx\tcorrectly rounded f(x); made by Scripts/make-reference-data.py "
             f"(mpmath {mpmath.__version__}, {mp.prec} bits)"]
    seen = set()
    for fn, fmt, kind, x in rows():
        if (fn, fmt, x) in seen:
            continue
        seen.add((fn, fmt, x))
        p, emin, emax = FORMATS[fmt]
        v = mp.exp(mpf(x)) if fn == "exp" else mp.log(mpf(x))
        y = round_to(v, p, emin, emax)
        lines.append(f"{fn}\t{fmt}\t{kind}\t{float.hex(x)}\t{float.hex(y)}")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} cases to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
