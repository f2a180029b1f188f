#!/usr/bin/env python3
"""Writes Tests/EvoMathReferenceTests/Data/bessel/mpmath-log-bessel.tsv: log I_v(x) and
log K_v(x) computed independently of MPFR with mpmath, at binary (Double) arguments, for
the log-Bessel ground truth's tests (EvoMathReferenceTests/BesselTableTests.swift).

Usage: python3 Scripts/make-bessel-reference-data.py   (needs `pip install mpmath`)

Each value is computed at 70 and at 90 decimal digits; a point is kept only when the two
agree to 50 digits and each took under 6 s (mpmath does not converge everywhere: its besselk
fails or loops near v ≈ x ≫ 1, so such points, and any other disagreement, are left out and
listed on stdout). Columns:
kind (i or k), v and x as hex floats (exact), log f(v, x) with 50 significant digits after
the decimal point's leading digit plus the integer digits, and the correctly rounded
binary64 and binary32 values of the logarithm (rounded here from their definition).
The output is deterministic.
"""
import math
import os
import signal

import mpmath
from mpmath import mp, mpf

ORDERS = [0.0, 2.0 ** -10, 0.37, 1.0, 1.5, 3.25, 12.7, 50.0, 237.0, 1000.0, 10000.0]
ARGUMENTS = [1e-300, 1e-30, 1e-5, 0.01, 0.5, 1.0, 2.2, 9.9, 30.0, 100.0, 1000.0, 1e4, 1e5]


def round_to(v, p, emin, emax):
    """v rounded to nearest (ties to even) in the format, as a Python float."""
    if v == 0:
        return 0.0
    sign = -1.0 if v < 0 else 1.0
    a = abs(v)
    _, ex = mp.frexp(a)
    e = int(ex) - 1
    q = max(e, emin) - p + 1
    n = mp.ldexp(a, -q)
    fl = int(mp.floor(n))
    frac = n - fl
    if frac > mpf(0.5) or (frac == mpf(0.5) and fl % 2 == 1):
        fl += 1
    r = mp.ldexp(mpf(fl), q)
    if r > mp.ldexp(mpf(2) - mp.ldexp(1, 1 - p), emax):
        return sign * math.inf
    return sign * float(r)


SECONDS_PER_POINT = 6


def on_alarm(signum, frame):
    raise TimeoutError()


def log_bessel(kind, v, x, dps):
    """log f(v, x) at `dps` digits; raises when mpmath gives up or takes longer than
    SECONDS_PER_POINT (its besselk can loop for minutes near v ≈ x ≫ 1)."""
    mp.dps = dps
    f = mpmath.besseli if kind == "i" else mpmath.besselk
    signal.alarm(SECONDS_PER_POINT)
    try:
        return mp.log(f(mpf(v), mpf(x)))
    finally:
        signal.alarm(0)


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "Tests", "EvoMathReferenceTests", "Data", "bessel",
                       "mpmath-log-bessel.tsv")
    lines = ["# kind\tv\tx\tlog f(v,x)\tbinary64\tbinary32; made by Scripts/make-bessel-reference-data.py "
             f"(mpmath {mpmath.__version__}, 70 and 90 digits, kept where they agree to 50)"]
    skipped = []
    signal.signal(signal.SIGALRM, on_alarm)
    for kind in ("i", "k"):
        for v in ORDERS:
            for x in ARGUMENTS:
                try:
                    a = log_bessel(kind, v, x, 70)
                    b = log_bessel(kind, v, x, 90)
                except Exception as e:  # mpmath gives up (no convergence)
                    skipped.append((kind, v, x, type(e).__name__))
                    continue
                mp.dps = 90
                scale = max(mpf(1), abs(b))
                if not (mp.isfinite(a) and mp.isfinite(b)) or abs(a - b) > mpf(10) ** -50 * scale:
                    skipped.append((kind, v, x, "disagree"))
                    continue
                d64 = round_to(b, 53, -1022, 1023)
                d32 = round_to(b, 24, -126, 127)
                if d64 != round_to(a, 53, -1022, 1023) or d32 != round_to(a, 24, -126, 127):
                    skipped.append((kind, v, x, "rounding undecided"))
                    continue
                digits = 50 + max(0, int(mp.floor(mp.log10(scale))) + 1)
                lines.append(f"{kind}\t{float.hex(v)}\t{float.hex(x)}\t{mp.nstr(b, digits, min_fixed=-1, max_fixed=-1)}"
                             f"\t{float.hex(d64)}\t{float.hex(d32)}")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} points to {os.path.normpath(out)}; skipped {len(skipped)}:")
    for s in skipped:
        print("  ", *s)


if __name__ == "__main__":
    main()
