#!/usr/bin/env python3
"""Reference values of log I_v(x) and log K_v(x) for the runtime's tests (mpmath).

    python3 Scripts/make-bessel-reference.py > Data/bessel/logbessel-reference.tsv
    python3 Scripts/make-bessel-reference.py --elementary > Data/bessel/elementary-reference.tsv

    python3 Scripts/make-bessel-reference.py --boundaries > Data/bessel/logbessel-boundaries.tsv
    python3 Scripts/make-bessel-reference.py --spot > Data/bessel/logbessel-spot.tsv
    python3 Scripts/make-bessel-reference.py --fill < STDERR-OF-THE-FIRST > Data/bessel/logbessel-fill.tsv
    python3 Scripts/make-bessel-reference.py --risk > Data/bessel/logbessel-risk.tsv

The --boundaries form writes the same columns for pairs on both sides of the runtime's
region boundaries; --fill for the I points the first run skipped (read from its stderr, now with
the Debye-20 fallback); --spot for the extremes (v up to 1e8, x from 5e-324 to the largest double). The --elementary form writes references for the runtime's internal helpers (log, log1p, exp,
1/Gamma(1+z) and the double-double log): columns fn, input hi, input lo, ref hi, ref lo, ref lo2
(the reference as a sum of three binary64 values).

Inputs are binary64 values, written as hex floats and handed to mpmath exactly
(mpf(float) is exact). Each value is computed at DPS decimal digits; the exact
logarithm L is written as two binary64 hex floats hi, lo with hi = L rounded and
lo = (L - hi) rounded, so a test can measure |y - L| to far below 1 ulp.

Columns: function (I or K), v, x, hi, lo, method.
method says how the value was obtained:
  besseli  mpmath.log(mpmath.besseli(v, x))
  quad     log K_v(x) from K_v(x) = 1/2 * integral over R of exp(-x cosh t + v t) dt by the
           trapezoid rule in mpmath (see log_k_quad). mpmath.besselk is not used for the
           values because it takes seconds to minutes (or fails) near v ~ x >> 1; on every
           CROSSCHECK-th point it is run as a check where it finishes within TIMEOUT s, and
           the largest difference is printed to stderr.
  hankel   log I_v(x) or log K_v(x) by Hankel's expansion at DPS digits: always for x >= 1e50 with
           x > 100 (v^2 + 1) (mpmath.besseli can hang there, and the trapezoid sum cannot resolve
           exp(-x cosh t) at DPS digits), and for K where the trapezoid sum fails and x > 100 (v^2 + 1).
  debye20  log I_v(x) by the uniform (Debye) expansion with 20 terms at DPS digits, used only
           for v >= 1000 where mpmath.besseli takes longer than TIMEOUT s (x >> v); the first
           omitted term is below 1e-50 there. Cross-checked against besseli on every
           CROSSCHECK-th point with v >= 1000 where besseli finishes (difference on stderr).
Points where the method fails or times out are skipped and listed on stderr.
"""
import math
import random
import signal
import sys

import mpmath as mp

DPS = 60
TIMEOUT = 4
CROSSCHECK = 10  # every 10th point: K also by mpmath.besselk, when it finishes in TIMEOUT s
mp.mp.dps = DPS


class Timeout(BaseException):
    """Not an Exception, so mpmath's internal `except Exception` cannot swallow it."""


def _alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, _alarm)


def timed(f, *args):
    signal.alarm(TIMEOUT)
    try:
        return f(*args)
    finally:
        signal.alarm(0)


def log_i(v, x):
    return mp.log(mp.besseli(v, x))


def log_k(v, x):
    return mp.log(mp.besselk(v, x))


def log_k_quad(v, x):
    """log K_v(x) from K_v(x) = 1/2 * integral over R of exp(-x cosh t + v t) dt by the
    trapezoid rule (the integrand is entire, so the rule converges exponentially):
    centred on the peak t0 = asinh(v/x), step h = sigma/6 with sigma = (x cosh t0)^(-1/2),
    the integrand scaled by its peak value, summed until terms fall below exp(-DPS*2.5-20)."""
    v = mp.mpf(v)
    x = mp.mpf(x)
    t0 = mp.asinh(v / x)
    g = lambda t: -x * mp.cosh(t) + v * t
    g0 = g(t0)
    sigma = 1 / mp.sqrt(x * mp.cosh(t0))
    h = min(sigma / 6, mp.mpf(1) / 16)
    cut = -(DPS * 2.5 + 20)
    s = mp.mpf(1)
    for direction in (1, -1):
        k = 1
        while True:
            e = g(t0 + direction * k * h) - g0
            if e < cut:
                break
            s += mp.exp(e)
            k += 1
    return g0 + mp.log(s * h / 2)


_U = None


def debye_polys(n):
    """Debye polynomials u_0 ... u_n (DLMF 10.41.10), exact rationals."""
    from fractions import Fraction as F

    def deriv(p):
        return [j * p[j] for j in range(1, len(p))]

    def integ(p):
        return [F(0)] + [p[j] / (j + 1) for j in range(len(p))]

    def mul(p, q):
        r = [F(0)] * (len(p) + len(q) - 1)
        for i, a in enumerate(p):
            for j, b in enumerate(q):
                r[i + j] += a * b
        return r

    u = [[F(1)]]
    for _ in range(n):
        p = u[-1]
        a = mul([F(0), F(0), F(1, 2), F(0), F(-1, 2)], deriv(p)) if len(p) > 1 else [F(0)]
        b = [c / 8 for c in integ(mul([F(1), F(0), F(-5)], p))]
        m = max(len(a), len(b))
        u.append([(a[i] if i < len(a) else 0) + (b[i] if i < len(b) else 0) for i in range(m)])
    return u


def log_i_debye(v, x, terms=20):
    """log I_v(x) by the uniform expansion with 20 terms at DPS digits, for v >= 1000 only
    (the first omitted term, |u_21(t)| / v^21, is below 1e-50 there)."""
    global _U
    if _U is None:
        _U = debye_polys(terms)
    v = mp.mpf(v)
    z = mp.mpf(x) / v
    s1 = mp.sqrt(1 + z * z)
    t = 1 / s1
    eta = s1 + mp.log(z / (1 + s1))
    total = mp.mpf(0)
    for k, p in enumerate(_U):
        total += mp.polyval([mp.mpf(c.numerator) / c.denominator for c in reversed(p)], t) / v ** k
    return v * eta - mp.log(2 * mp.pi * v) / 2 - mp.log(1 + z * z) / 4 + mp.log(total)


def log_i_hankel(v, x):
    """log I_v(x) by Hankel's expansion (DLMF 10.40.1; the e^-x companion term is below e^-2x
    relative) at DPS digits, only for x >= 1e50 and x > 100 (v^2 + 1), where mpmath.besseli can
    hang; summed until the terms fall below 1e-70."""
    v = mp.mpf(v)
    x = mp.mpf(x)
    if not (x >= mp.mpf(10) ** 50 and x > 100 * (v * v + 1)):
        raise ValueError("outside the Hankel fallback's range")
    mu = 4 * v * v
    term = mp.mpf(1)
    total = mp.mpf(1)
    k = 1
    while True:
        term *= -(mu - (2 * k - 1) ** 2) / (8 * k * x)
        total += term
        if abs(term) < mp.mpf(10) ** -70:
            break
        k += 1
    return x - mp.log(2 * mp.pi * x) / 2 + mp.log(total)


def log_k_hankel(v, x):
    """log K_v(x) by Hankel's expansion (DLMF 10.40.2) at DPS digits, only for x > 100 (v^2 + 1)
    (there the terms decrease at least 4x per step at first; summed until below 1e-70 relative,
    far before the smallest term). Used where the trapezoid sum cannot resolve exp(-x cosh t) at
    DPS digits (x >= 1e100)."""
    v = mp.mpf(v)
    x = mp.mpf(x)
    if not x > 100 * (v * v + 1):
        raise ValueError("outside the Hankel fallback's range")
    mu = 4 * v * v
    term = mp.mpf(1)
    total = mp.mpf(1)
    k = 1
    while True:
        term *= (mu - (2 * k - 1) ** 2) / (8 * k * x)
        total += term
        if abs(term) < mp.mpf(10) ** -70:
            break
        k += 1
    return -x + mp.log(mp.pi / (2 * x)) / 2 + mp.log(total)


def hi_lo(L):
    hi = float(L)
    lo = float(L - mp.mpf(hi))
    return hi, lo


def points():
    rng = random.Random(9)
    vs = [0.0]
    vs += [10 ** (-3 + 7 * i / 23) for i in range(24)]
    vs += [1.0, 2.0, 3.0, 5.0, 10.0, 13.0, 50.0, 100.0, 1000.0]
    vs += [0.5, 1.5, 2.5, 10.5, 100.5]
    xs = [10 ** (-300 + 297 * i / 14) for i in range(15)]
    xs += [10 ** (-3 + 9 * i / 44) for i in range(45)]
    grid = [(v, x) for v in vs for x in xs]
    rand = []
    # random over the main band (v log-uniform in [1e-3, 1e4], x log-uniform in [1e-3, 1e6])
    for _ in range(900):
        rand.append((10 ** rng.uniform(-3, 4), 10 ** rng.uniform(-3, 6)))
    # random near the turning region x ~ v (eta ~ 0 for I near x = 0.66 v)
    for _ in range(600):
        v = 10 ** rng.uniform(0, 4)
        rand.append((v, v * 10 ** rng.uniform(-1.3, 1.3)))
    # random over x tiny
    for _ in range(100):
        rand.append((10 ** rng.uniform(-3, 4), 10 ** rng.uniform(-300, -3)))
    # random integers and half-integers
    for _ in range(200):
        n = rng.randint(0, 200)
        rand.append((n + rng.choice([0.0, 0.5]), 10 ** rng.uniform(-3, 4)))
    spot = []
    for v in (1e5, 1e6, 1e7, 1e8):
        for x in (1e-300, 1.0, 1e3, 0.66 * v, v, 2 * v, 1e10, 1e100, 1e300):
            spot.append((v, x))
    for v in (0.0, 0.5, 1.0, 10.0, 1000.0):
        for x in (5e-324, 1e-310, 2.2250738585072014e-308, 1e100, 1e200, 1e300, 1.7976931348623157e308):
            spot.append((v, x))
    return [("grid", p) for p in grid] + [("random", p) for p in rand], [("spot", p) for p in spot]


def boundary_points():
    """Pairs on both sides of the runtime's region boundaries (LogBessel.Regions): the order
    split at v = 13 and 20, the x boundaries 0.5, 3.5, 25, 35, and the Debye |eta| = 2 switch
    between binary64 and double-double evaluation of v*eta (z = x/v near 0.098 and 2.21)."""
    rng = random.Random(11)
    pts = []
    for _ in range(250):
        v = rng.choice([13, 20]) * (1 + rng.uniform(-0.05, 0.05))
        pts.append((v, 10 ** rng.uniform(-3, 3)))
    for xb in (0.5, 1.0, 2.0, 3.5, 25.0, 35.0):
        for _ in range(60):
            pts.append((10 ** rng.uniform(-3, 1.3), xb * (1 + rng.uniform(-0.03, 0.03))))
    for zb in (0.098, 2.21):
        for _ in range(100):
            v = 10 ** rng.uniform(1.3, 4)
            pts.append((v, v * zb * (1 + rng.uniform(-0.1, 0.1))))
    return [("boundary", p) for p in pts]


def risk_points():
    """Random pairs where the measured errors are largest (the thin margins): K for v < 20 and
    x in [0.3, 6] (Temme / trapezoid / Steed), I for v in [1, 20) and x in [2, 35] (the power
    series' double-double branch), I for v in [8, 13) and x in [25, 60] (alternating Hankel)."""
    rng = random.Random(12)
    pts = []
    for _ in range(300):
        pts.append(("K", (10 ** rng.uniform(-3, 1.3), 10 ** rng.uniform(math.log10(0.3), math.log10(6)))))
    for _ in range(200):
        pts.append(("I", (10 ** rng.uniform(0, 1.3), 10 ** rng.uniform(math.log10(2), math.log10(35)))))
    for _ in range(100):
        pts.append(("I", (rng.uniform(8, 13), rng.uniform(25, 60))))
    return [("risk", p) for p in pts]


def fill_points():
    """(function, pair) read from stdin as lines 'skipped F v=V x=X' (this script's stderr from an
    earlier run): the points it skipped, for a second run with the Debye-20 and Hankel fallbacks."""
    pts = []
    for line in sys.stdin:
        f = line.split()
        if len(f) == 4 and f[0] == "skipped" and f[1] in ("I", "K"):
            pts.append((f[1], (float(f[2][2:]), float(f[3][2:]))))
    return [("fill", p) for p in pts]


def main(which="main"):
    skipped = 0
    crosschecked = 0
    worst_cross = 0
    crosscheckedI = 0
    worst_crossI = 0
    out = sys.stdout
    out.write("# log I_v(x), log K_v(x): mpmath %s at %d digits; Scripts/make-bessel-reference.py\n" % (mp.__version__, DPS))
    out.write("# fn\tset\tv\tx\tL_hi\tL_lo\tmethod\n")
    chosen = {"main": lambda: points()[0], "spot": lambda: points()[1], "boundaries": boundary_points,
              "fill": fill_points, "risk": risk_points}[which]()
    for n, item in enumerate(chosen):
        if which in ("fill", "risk"):
            kind, (only, (v, x)) = item
        else:
            kind, (v, x) = item
            only = None
        for fn in ((only,) if only else ("I", "K")):
            L = None
            method = "besseli" if fn == "I" else "quad"
            huge = x >= 1e50 and x > 100 * (v * v + 1)
            if huge:
                method = "hankel"
            try:
                L = timed((log_i_hankel if huge else log_i) if fn == "I" else (log_k_hankel if huge else log_k_quad), v, x)
                if not mp.isfinite(L):
                    L = None
            except (Timeout, Exception):
                L = None
            if L is not None and fn == "K" and n % CROSSCHECK == 0:
                try:
                    b = timed(log_k, v, x)
                    d = abs(b - L) / max(1, abs(L))
                    crosschecked += 1
                    worst_cross = max(worst_cross, float(d))
                except (Timeout, Exception):
                    pass
            if L is None and fn == "K":
                try:
                    L = timed(log_k_hankel, v, x)
                    method = "hankel"
                except (Timeout, Exception):
                    L = None
            if L is None and fn == "I" and v >= 1000:
                try:
                    L = timed(log_i_debye, v, x)
                    method = "debye20"
                except (Timeout, Exception):
                    L = None
            elif L is not None and fn == "I" and v >= 1000 and n % CROSSCHECK == 0:
                try:
                    d = abs(timed(log_i_debye, v, x) - L) / max(1, abs(L))
                    crosscheckedI += 1
                    worst_crossI = max(worst_crossI, float(d))
                except (Timeout, Exception):
                    pass
            if L is None:
                skipped += 1
                print("skipped %s v=%r x=%r" % (fn, v, x), file=sys.stderr)
                continue
            hi, lo = hi_lo(L)
            out.write("%s\t%s\t%s\t%s\t%s\t%s\t%s\n" % (fn, kind, float(v).hex(), float(x).hex(), hi.hex(), lo.hex(), method))
        out.flush()
    print("skipped %d; trapezoid K vs mpmath.besselk cross-checked on %d points, max |diff|/max(1,|L|) = %.3g"
          % (skipped, crosschecked, worst_cross), file=sys.stderr)
    print("Debye (20 terms) I vs mpmath.besseli cross-checked on %d points with v >= 1000, max |diff|/max(1,|L|) = %.3g"
          % (crosscheckedI, worst_crossI), file=sys.stderr)


def elementary():
    rng = random.Random(10)
    out = sys.stdout
    out.write("# internal helpers of the log-Bessel runtime: mpmath %s at %d digits; Scripts/make-bessel-reference.py --elementary\n" % (mp.__version__, DPS))
    out.write("# fn\tin_hi\tin_lo\tref_hi\tref_mid\tref_lo\n")

    def row(fn, a, b, ref):
        h1 = float(ref)
        r = ref - mp.mpf(h1)
        h2 = float(r)
        h3 = float(r - mp.mpf(h2))
        out.write("%s\t%s\t%s\t%s\t%s\t%s\n" % (fn, float(a).hex(), float(b).hex(), h1.hex(), h2.hex(), h3.hex()))

    xs = [5e-324, 2.2250738585072014e-308, 1.0, 2.0, 0.5, 1.7976931348623157e308, 1 + 2**-52, 1 - 2**-53]
    xs += [2.0 ** rng.uniform(-1074, 1024) for _ in range(1500)]
    xs += [rng.uniform(0.5, 2.0) for _ in range(500)]
    for x in xs:
        row("log", x, 0.0, mp.log(mp.mpf(x)))
    for _ in range(1000):
        x = rng.choice([-1, 1]) * 2.0 ** rng.uniform(-60, 3)
        x = max(x, -0.999)
        row("log1p", x, 0.0, mp.log1p(mp.mpf(x)))
    for x in [1e10, 1e300, 0.0]:
        row("log1p", x, 0.0, mp.log1p(mp.mpf(x)))
    for _ in range(1500):
        x = rng.uniform(-745, 709.78)
        row("exp", x, 0.0, mp.exp(mp.mpf(x)))
    for _ in range(500):
        x = rng.uniform(-1, 1)
        row("exp", x, 0.0, mp.exp(mp.mpf(x)))
    for _ in range(1000):
        z = rng.uniform(-0.5, 0.5)
        row("rgamma1p", z, 0.0, 1 / mp.gamma(1 + mp.mpf(z)))
    for _ in range(2000):
        hi = 2.0 ** rng.uniform(-1000, 1000) if rng.random() < 0.3 else 2.0 ** rng.uniform(-3, 3)
        lo = hi * rng.uniform(-1, 1) * 2.0 ** -53
        lo = float(lo)
        row("ddlog", hi, lo, mp.log(mp.mpf(hi) + mp.mpf(lo)))


if __name__ == "__main__":
    if sys.argv[1:] == ["--elementary"]:
        elementary()
    elif sys.argv[1:] == ["--boundaries"]:
        main("boundaries")
    elif sys.argv[1:] == ["--risk"]:
        main("risk")
    elif sys.argv[1:] == ["--fill"]:
        main("fill")
    elif sys.argv[1:] == ["--spot"]:
        main("spot")
    else:
        main()
