#!/usr/bin/env python3
"""Measure the binary64 exp/log first- and second-stage errors on random inputs.

Emulates the Swift fast paths (Sources/EvoMath/Exp+Double.swift, Log+Double.swift) operation
by operation in Python floats (IEEE binary64, same order, no FMA) with the generated constants,
and compares with mpmath at 160 bits. A check of the written error bounds, not a proof:

    python3 Generators/binary64/measure_stage_errors.py SEED COUNT
"""
# Emulates the Swift first/second stages in Python (IEEE binary64, same operation order) and
# measures their errors against mpmath, to compare with the written bounds.
import re, struct, random, math, sys
from fractions import Fraction
import mpmath
from mpmath import mpf
mpmath.mp.prec = 160
import os
root = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "Sources/EvoMath/Generated/")
def consts(path, table=True):
    s = open(path).read()
    d = {}
    for name, v in re.findall(r'static var (\w+): Double \{ (-?0x[0-9a-fA-Fp+\-.]+) \}', s):
        d.setdefault(name, []).append(float.fromhex(v))
    if not table:
        return d, []
    tab = s[s.index('static let table'):]
    tab = tab[tab.index('= [') + 3:]
    tab = tab[:tab.index(']')]
    vals = [float.fromhex(v) for v in re.findall(r'(-?0x[0-9a-fA-Fp+\-.]+),', tab)]
    return d, vals
E, ET = consts(root + 'ExpBinary64.generated.swift')
L, LT = consts(root + 'LogBinary64.generated.swift')
def b2f(b): return struct.unpack('<d', struct.pack('<Q', b & (2**64 - 1)))[0]
def f2b(f): return struct.unpack('<Q', struct.pack('<d', f))[0]
def split(a):
    c = 134217729.0 * a; h = c - (c - a); return h, a - h
# exp polys (emitted from the searches' specs): accurate c3..c6, fast c3..c5
EA, _ = consts(root + 'ExpBinary64CorrectlyRounded.generated.swift', table=False)
EF, _ = consts(root + 'ExpBinary64Fast.generated.swift', table=False)
ea = [EA['c3'][0], EA['c4'][0], EA['c5'][0], EA['c6'][0]]
ef = [EF['c3'][0], EF['c4'][0], EF['c5'][0]]
# The first test's bounds (Exp+Double.swift, `firstTestBounds`): recomputed from the generated
# constants and compared with the Swift table, which must not be below them.
EXP_RMAX = float.fromhex('0x1.62e42ff055111p-9')
def exp_bound(j):
    R = EXP_RMAX if j == 0 else 2.0 ** (-8 - j)
    # 6.02 units of 2^-53·R (r's, p's, whole's, whole·p's, s's and the test's roundings, each ≤ 1.003);
    # k·stepLow (|k| < 2^17), the polynomial (2^-63.89 ≥ its targetError 5.81e-20), r² terms, tl, table.
    rest = 2**17 * abs(E['stepLow'][0]) * 1.003 + 2.0**-63.89 + 2.0**-70 + 2 * 2.0**-79 + 2.0**-80
    return 1.01 * (6.02 * 2.0**-53 * R + rest)
def exp_bound_index(r):
    return min(1014 - ((f2b(r) >> 52) & 0x7FF), 7)
_src = open(os.path.join(os.path.dirname(root.rstrip('/')), 'Exp+Double.swift')).read()
_tab = _src[_src.index('static let firstTestBounds'):]
_tab = _tab[_tab.index('= [') + 3:]
EXP_BOUNDS = [float.fromhex(v) for v in re.findall(r'(0x[0-9a-fA-Fp+\-.]+),', _tab[:_tab.index(']')])]
assert len(EXP_BOUNDS) == 8 and all(b >= exp_bound(j) for j, b in enumerate(EXP_BOUNDS)), "firstTestBounds below the bound"
# The batch entries' first test (ExpVector.swift, `vectorExp`) computes its bound as R·C1 + C0 with
# R = 2^-15, …, 2^-9, rMax (the same R as `firstTestBound`): each value, rounded as in the default
# build (product, then sum) and as one fused multiply-add, must not be below the bound for R.
_vsrc = open(os.path.join(os.path.dirname(root.rstrip('/')), 'ExpVector.swift')).read()
_c1 = float.fromhex(re.search(r'addingProduct\(rBound, (0x[0-9a-fA-Fp.+\-]+)\)', _vsrc).group(1))
_c0 = float.fromhex(re.search(r'Lanes64.Double\(repeating: (0x[0-9a-fA-Fp.+\-]+)\).addingProduct\(rBound', _vsrc).group(1))
_c1text = re.search(r'addingProduct\(rBound, (0x[0-9a-fA-Fp.+\-]+)\)', _vsrc).group(1)
_c0text = re.search(r'Lanes64.Double\(repeating: (0x[0-9a-fA-Fp.+\-]+)\).addingProduct\(rBound', _vsrc).group(1)
assert 'rBound * %s' % _c1text in _vsrc and 'boundProduct + %s' % _c0text in _vsrc, "vectorExp's unfused bound uses other constants"
for _j in range(8):
    _R = EXP_RMAX if _j == 0 else 2.0 ** (-8 - _j)
    _unfused = _R * _c1 + _c0
    _fused = float(Fraction(_R) * Fraction(_c1) + Fraction(_c0))  # one rounding (to nearest)
    assert min(_unfused, _fused) >= exp_bound(_j) and min(_unfused, _fused) >= EXP_BOUNDS[_j], "vectorExp bound below the bound"
exp_by_range = [0.0] * 8
def exp_first_test(x):
    """Whether Evolved.exp's first test passes (default build's operations)."""
    inv, sh, sm = E['inverseStep'][0], E['stepHigh'][0], E['stepMid'][0]
    shifted = x * inv + 6755399441055744.0
    kd = shifted - 6755399441055744.0
    k = int(kd)
    r = (x - kd * sh) - kd * sm
    i = (k & 127) * 2
    th, tl = ET[i], ET[i + 1]
    whole = th + tl  # RN(th + tl): the runtime's wholeTable entry
    sq = r * r
    Q = (ef[0] + r * ef[1]) + sq * ef[2]
    p = r + (sq * 0.5 + (r * sq) * Q)
    s = tl + whole * p
    err = th * EXP_BOUNDS[exp_bound_index(r)]
    return th + (s - err) == th + (s + err)
def exp_stages(x):
    inv, sh, sm, sl = E['inverseStep'][0], E['stepHigh'][0], E['stepMid'][0], E['stepLow'][0]
    shifted = x * inv + 6755399441055744.0
    kd = shifted - 6755399441055744.0
    k = int(kd)
    t = x - kd * sh
    m = kd * sm
    r = t - m
    i = (k & 127) * 2
    th, tl = ET[i], ET[i + 1]
    sq = r * r
    Q = (ef[0] + r * ef[1]) + sq * ef[2]
    p = r + (sq * 0.5 + (r * sq) * Q)
    s = tl + (th + tl) * p
    # exact T·exp(r*) = exp(x)·2^-(k>>7)
    exact = mpmath.exp(mpf(x)) * mpf(2) ** (-(k >> 7))
    e1 = abs(mpf(th) + mpf(s) - exact) / mpf(th)
    j = exp_bound_index(r)
    exp_by_range[j] = max(exp_by_range[j], e1)
    rh = t - m
    rl = ((t - rh) - m) - kd * sl
    rhh, rhl = split(rh)
    p1, e1p = th * rhh, th * rhl
    sq = rh * rh
    Q = (ea[0] + rh * ea[1]) + sq * (ea[2] + rh * ea[3])
    w = (sq * 0.5 + rl * (1 + rh)) + (rh * sq) * Q
    hi = th + p1; lo0 = p1 - (hi - th)
    lo = th * w + (tl * w + (lo0 + (e1p + tl * (1 + rh))))
    e2 = abs(mpf(hi) + mpf(lo) - exact) / mpf(hi)
    return e1, e2
LA, _ = consts(root + 'LogBinary64CorrectlyRounded.generated.swift', table=False)
LF, _ = consts(root + 'LogBinary64Fast.generated.swift', table=False)
la = [LA['c3'][0], LA['c4'][0], LA['c5'][0], LA['c6'][0], LA['c7'][0], LA['c8'][0]]
lf = [LF['c2'][0], LF['c3'][0], LF['c4'][0], LF['c5'][0], LF['c6'][0], LF['c7'][0]]
# The first test (Log+Double.swift, `log(bits:eAdjust:)`): y = hi + s, t = hi + s − y exactly, and y
# is returned when 2·bits|t| + D < (2·bits|y| − 2) with its significand cleared. D = 54·2^53 − 2·M,
# M = ⌊(1 − c·2^55·(1 + 2^-50))·2^52⌋, for the first stage's relative error bounds c = 2^-66 (e ≠ 0)
# and 2^-60.3 (e = 0); recomputed here, and the Swift constants must not be below them.
def log_margin(c):
    M = math.floor((1 - c * 2.0**55 * (1 + 2.0**-50)) * 2**52)
    assert 0 < M < 2**52
    return (54 << 53) - 2 * M
_lsrc = open(os.path.join(os.path.dirname(root.rstrip('/')), 'Log+Double.swift')).read()
def _swift_uint(name):
    return int(re.search(r'static var ' + name + r': UInt64 \{ (0x[0-9A-Fa-f_]+) \}', _lsrc).group(1).replace('_', ''), 16)
LOG_MARGIN, LOG_MARGIN_NEAR_ONE = _swift_uint('firstTestMargin'), _swift_uint('firstTestMarginNearOne')
assert LOG_MARGIN >= log_margin(2.0**-66), "firstTestMargin below the bound"
assert LOG_MARGIN_NEAR_ONE >= log_margin(2.0**-60.3), "firstTestMarginNearOne below the bound"
def log_first_test(hi, s, e):
    y = hi + s
    t = s - (y - hi)
    margin = LOG_MARGIN_NEAR_ONE if e == 0 else LOG_MARGIN
    ulp_field = (((f2b(y) << 1) - 2) & (2**64 - 1)) & 0xFFE0000000000000
    return ((f2b(t) << 1) & (2**64 - 1)) + margin < ulp_field
def log_stages(x):
    bits = f2b(x); OFF = 0x3FE6000000000000
    t = (bits - OFF) & (2**64 - 1)
    i = (t >> 44) & 255
    e = (t - 2**64 if t >= 2**63 else t) >> 52
    invc, nh, nl = LT[3 * i:3 * i + 3]
    z = b2f(bits - (t & (0xFFF << 52)))
    zh = b2f(f2b(z) & ~0x1FF)
    u = (zh * invc - 1) + (z - zh) * invc
    ed = float(e)
    a = ed * L['ln2High'][0]; eh = a + nh; el0 = nh - (eh - a)
    assert el0 == 0  # nh and e·ln2High are multiples of 2^-42: eh is exact
    hi = eh + u; lo = u - (hi - eh)
    u2 = u * u
    P = (lf[0] + u * lf[1]) + u2 * ((lf[2] + u * lf[3]) + u2 * (lf[4] + u * lf[5]))
    s = (lo + (el0 + (ed * L['ln2Low'][0] + nl))) + u2 * P
    exact = mpmath.log(mpf(x))
    r1 = abs(mpf(hi) + mpf(s) - exact) / abs(exact) if exact != 0 else 0
    passed = log_first_test(hi, s, e)
    assert not passed or hi + s == float(exact), "the first test passed a misrounded result at %s" % float.hex(x)
    uh, ul = split(u)
    sq = uh * uh; sql = ul * (u + uh)
    h1 = u + (-0.5 * sq); l1 = (-0.5 * sq) - (h1 - u)
    P = (la[0] + u * la[1]) + u2 * ((la[2] + u * la[3]) + u2 * (la[4] + u * la[5]))
    tail = (l1 - 0.5 * sql) + (u * u2) * P
    el = ed * L['ln2Low'][0] + nl
    hi2 = eh + h1; l2 = h1 - (hi2 - eh)
    lo2 = l2 + (el + tail)
    r2 = abs(mpf(hi2) + mpf(lo2) - exact) / abs(exact) if exact != 0 else 0
    return r1, r2, e, passed
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
m1 = m2 = 0
for _ in range(n):
    x = random.choice([random.uniform(-708, 708), random.uniform(-1, 1), random.uniform(-0.01, 0.01)])
    a, b = exp_stages(x); m1 = max(m1, a); m2 = max(m2, b)
print('exp stage1 max rel err 2^%.2f (bound 2^-59.1), stage2 2^%.2f (bound 2^-68.9)' % (math.log2(m1), math.log2(m2)))
print('exp stage1 max rel err for |r| in range j = 0..7 / the test bound: ' + ', '.join(
    '2^%.2f/2^%.2f' % (math.log2(m) if m else float('-inf'), math.log2(b)) for m, b in zip(exp_by_range, EXP_BOUNDS)))
assert all(m < b for m, b in zip(exp_by_range, EXP_BOUNDS))
for name, lo, hi in (("[-700, 700]", -700, 700), ("[-1, 1]", -1, 1)):
    fails = sum(1 for _ in range(n) if not exp_first_test(random.uniform(lo, hi)))
    print('exp first test fails for %d of %d uniform x in %s (1 in %.0f)' % (fails, n, name, n / max(fails, 1)))
m1 = m2 = m1e = 0
passes = {"log-uniform": [0, 0], "[0.5, 2]": [0, 0]}
for _ in range(n):
    x = random.choice([2.0 ** random.uniform(-1000, 1000), 1 + random.uniform(-2**-8, 2**-8), 1 + random.uniform(-2**-6, 2**-6), random.uniform(0.68, 1.4)])
    if x == 1: continue
    a, b, e, _ = log_stages(x); m1 = max(m1, a); m2 = max(m2, b)
    if e != 0: m1e = max(m1e, a)
print('log stage1 max rel err 2^%.2f (bound 2^-60.3), e != 0: 2^%.2f (bound 2^-66), stage2 2^%.2f (bound 2^-67.8)'
      % (math.log2(m1), math.log2(m1e), math.log2(m2)))
# First-test pass rates on the benchmark's input distributions.
for _ in range(n):
    for name, x in (("log-uniform", 2.0 ** random.uniform(-1022, 1024)), ("[0.5, 2]", random.uniform(0.5, 2))):
        passes[name][0] += log_stages(x)[3]; passes[name][1] += 1
print('log first test passes: ' + ', '.join('%s %d of %d (1 failure in %.0f)' % (k, p, t, t / max(t - p, 1)) for k, (p, t) in passes.items()))
