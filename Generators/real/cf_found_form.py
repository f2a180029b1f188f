#!/usr/bin/env python3
"""Can the 10-op structure the seeded pole search builds (Generators/exp2.real.poleseeded.json),
    y = x·x;  K = (b1 + c/(y − q))/(y − r1) + α;  (K + x)/(K − x),
hold the hand-derived [2/2] optimum of Tables/exp2-partial-fractions.md? It is the same rational:
c/((y − q)(y − r1)) = c/(r1 − q)·(1/(y − r1) − 1/(y − q)), so with the optimum's poles (r_a, b_a), (r_b, b_b):
r1 = r_a, q = r_b, c = b_b·(q − r1), b1 = b_a + b_b. Both assignments of the poles are evaluated with the
constants rounded to binary64, in mpmath at 40 digits on 20,001 equally spaced points of [0, 1]:

    python3 Generators/real/cf_found_form.py
"""
import mpmath as mp
mp.mp.dps = 40
# the [2/2] row of Tables/exp2-partial-fractions.md: α; (b, r) of each pole
a, bb, rb, ba, ra = 43.36751685403758, -27403.804278152053, -793.8970305553472, -493.7149307973949, -82.78192128892488
for (r1, q, b_1, b_2) in [(ra, rb, ba, bb), (rb, ra, bb, ba)]:
    b1 = float(mp.mpf(b_1) + mp.mpf(b_2)); c = float(mp.mpf(b_2) * (mp.mpf(q) - mp.mpf(r1)))
    A, B1, C, Q, R1 = [mp.mpf(v) for v in (a, b1, c, q, r1)]
    def prog(x):
        y = x * x
        K = (B1 + C / (y - Q)) / (y - R1) + A
        return (K + x) / (K - x)
    M = 20000
    e = max(abs(prog(mp.mpf(i) / M) / mp.power(2, mp.mpf(i) / M) - 1) for i in range(M + 1))
    print("r1", r1, "q", q, "b1", b1, "c", c, "max rel err", mp.nstr(e, 4))
