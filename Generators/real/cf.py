#!/usr/bin/env python3
"""2^x on [0, 1] as (K + x)/(K − x) with K a rational of y = x² written in
partial fractions: a construction DERIVED BY HAND (by the integrator), not
found by the search. An analysis, like baselines.py and symmetric.py:

    python3 Generators/real/cf.py > Tables/exp2-partial-fractions.md

(it also writes Tables/exp2-partial-fractions.json, which baselines.py reads
for its hand-derived column).

The form. 2^u = (K + u)/(K − u) exactly when K(u) = u·(2^u + 1)/(2^u − 1),
an even function of u, so a function of y = u². K is approximated by a
rational [n/m] of y with real poles r_i (outside [0, Y]), written as
    K = S(y) + Σ b_i/(y − r_i)     (S the polynomial part, degree n − m ≥ 0;
                                    no S for n = m − 1)
so that numerator and denominator of the result share K and no common
denominator is ever formed. Optionally fitted to 2^(x/2^k), then k squarings.

Cost (add, sub, mul, div 1; constant-only subexpressions free; as the
recipes Generators/recipes/exp2.real.*.json): y = x·x 1; each pole 2
(y − r, b/(…)); the T terms of K joined by T − 1 additions; S of degree d by
Horner 2d (a constant S is free); K + x, K − x and the division 3; k
squarings k. [2/2]: 1 + 4 + 2 + 3 = 10 operations.

Fit: Remez (baselines.remez, mpmath) of P/Q to K on y in [1e-12, 1] for the
weight w = 2u/(K² − u²) = d(log f)/dK, so the weighted error is the
relative error of the result to first order (the levelled error column);
partial fractions from the roots of Q (mpmath.polyroots), constants
rounded to binary64. Error: each program evaluated as written (the
operations above, in that order) in double-double with its binary64
constants on baselines.py's dense grid (2^17 + 1 points of [0, 1]), the
worst point re-checked at 200 bits (baselines.Target.error and recheck).
"""
import json
import math
import os
import sys

import mpmath
from mpmath import mpf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baselines  # noqa: E402

LN2 = mpmath.log(2)
MAX_COST = 16


def cost(n, m, k):
    terms = m + (1 if n >= m else 0)
    poly = 2 * (n - m) if n > m else 0
    return 1 + 2 * m + (terms - 1) + poly + 3 + k


def target_k(k):
    s = 2 ** k

    def g(y):
        u = mpmath.sqrt(y)
        if u == 0:
            return 2 * s / LN2
        t = mpmath.power(2, u / s)
        return u * (t + 1) / (t - 1)

    def w(y):
        u = mpmath.sqrt(y)
        K = g(y)
        return 2 * u / (K * K - y)
    return g, w


def fit(n, m, k):
    """(S coefficients low→high, [(b_i, r_i)], levelled error) or a reason string."""
    g, w = target_k(k)
    r = baselines.remez(g, mpf("1e-12"), mpf(1), n, m, weight=w)
    if r is None:
        return "Remez failed"
    p, q, _, levelled = r
    roots = mpmath.polyroots(list(reversed(q)), maxsteps=200, extraprec=200)
    if any(abs(mpmath.im(z)) > 1e-20 for z in roots):
        return "complex poles"
    roots = sorted(mpmath.re(z) for z in roots)
    if any(0 <= z <= 1 for z in roots):
        return "pole on [0, 1]"
    qm, pm = baselines.monic(p, q)[1], baselines.monic(p, q)[0]
    s, _ = baselines.polydiv(pm, qm) if n >= m else ([], None)
    dq = [j * qm[j] for j in range(1, len(qm))]
    P = lambda z: sum(c * z ** j for j, c in enumerate(pm))
    D = lambda z: sum(c * z ** j for j, c in enumerate(dq))
    poles = [(P(z) / D(z), z) for z in roots]
    return s, poles, levelled


def program(s, poles, k):
    sr = [float(c) for c in s]
    pr = [(float(b), float(z)) for b, z in poles]

    def run(x, lib):
        y = x * x
        terms = [lib(b) / (y - lib(z)) for b, z in pr]
        K = terms[0]
        for t in terms[1:]:
            K = K + t
        if sr:
            S = lib(sr[-1]) + x * 0.0
            for c in reversed(sr[:-1]):
                S = S * y + lib(c)
            K = K + S
        f = (K + x) / (K - x)
        for _ in range(k):
            f = f * f
        return f
    return run, sr, pr


def main():
    target = baselines.Target("exp2")
    log = lambda s: print(s, file=sys.stderr, flush=True)
    rows = []
    for m in (1, 2, 3):
        for n in (m - 1, m, m + 1):
            for k in range(0, 5):
                c = cost(n, m, k)
                if c > MAX_COST:
                    continue
                r = fit(n, m, k)
                if isinstance(r, str):
                    log(f"[{n}/{m}] k={k}: {r}")
                    rows.append({"n": n, "m": m, "k": k, "cost": c, "error": None, "note": r})
                    continue
                s, poles, levelled = r
                run, sr, pr = program(s, poles, k)
                e = baselines.measure(target, run)
                log(f"[{n}/{m}] k={k} cost {c}: {e:.3e} (levelled {levelled:.3e})")
                rows.append({"n": n, "m": m, "k": k, "cost": c, "error": e, "levelled": levelled,
                             "polynomial": [float.hex(v) for v in sr],
                             "poles": [[float.hex(b), float.hex(z)] for b, z in pr]})
    root = baselines.ROOT
    json.dump({"target": "exp2", "method": "Generators/real/cf.py", "rows": rows},
              open(os.path.join(root, "Tables", "exp2-partial-fractions.json"), "w"), indent=1)
    md = ["# 2^x on [0, 1]: (K + x)/(K − x), K a rational of x² in partial fractions (derived by hand)", "",
          "Generated by `python3 Generators/real/cf.py` (method in the script's header). Derived by hand by the "
          "integrator, **not found by the search**: a baseline for the search tables "
          "(`Tables/exp2-pole-baselines.md`).", "",
          "Cost model: add, sub, mul, div 1, fma 2, constant-only subexpressions free. Error: max relative error, "
          "program as written with binary64 constants, double-double on 131,073 points of [0, 1], worst point "
          "re-checked at 200 bits; levelled: Remez's first-order error with exact coefficients.", "",
          "| K | squarings | cost | error | levelled | constants (S low→high; b_i, r_i) |",
          "|---|---:|---:|---:|---:|---|"]
    for r in sorted(rows, key=lambda r: (r["cost"], r["error"] if r["error"] is not None else math.inf)):
        if r["error"] is None:
            md.append(f"| [{r['n']}/{r['m']}] | {r['k']} | {r['cost']} | – ({r['note']}) | – | |")
            continue
        consts = "; ".join([", ".join(repr(float.fromhex(v)) for v in r["polynomial"]) or "–"]
                           + [f"{float.fromhex(b)!r}, {float.fromhex(z)!r}" for b, z in r["poles"]])
        md.append(f"| [{r['n']}/{r['m']}] | {r['k']} | {r['cost']} | {r['error']:.3g} | {r['levelled']:.3g} | {consts} |")
    md.append("")
    md.append("Best at each budget:")
    md.append("")
    md.append("| budget | best error | form |")
    md.append("|---:|---:|---|")
    for b in range(4, MAX_COST + 1):
        ok = [r for r in rows if r["cost"] <= b and r["error"] is not None]
        if ok:
            r = min(ok, key=lambda r: r["error"])
            md.append(f"| {b} | {r['error']:.3g} | [{r['n']}/{r['m']}] in x², {r['k']} squarings (cost {r['cost']}) |")
        else:
            md.append(f"| {b} | – | |")
    md.append("")
    print("\n".join(md))


if __name__ == "__main__":
    main()
