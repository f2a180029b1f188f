#!/usr/bin/env python3
"""SciPy / NumPy side of the EvoMath benchmarks.

Measures numpy.exp / numpy.log on arrays (binary16, binary32, binary64) and
log I_v(x) = log(scipy.special.ive(v, x)) + x, log K_v(x) = log(kve(v, x)) - x
(binary32, binary64), with the same input distributions, sizes, repetitions
and statistics as the Swift harness (Sources/evomath-bench), and writes the
same group/result records as JSON (--json FILE) so that `evomath-bench --merge
FILE` puts them in Tables/benchmarks.md. Without --json it prints a Markdown
table of its own rows.

Ratios to glibc for these rows are ratios of medians taken in different
processes (marked with a dagger in the tables): less reliable than the paired,
same-process ratios of the Swift harness.

    python3 Benchmarks/scipy_bench.py [--quick] [--json FILE]
"""
import argparse
import json
import os
import platform
import sys
import time
import zlib

import numpy as np
import scipy
from scipy import special

FORMATS = {"binary16": np.float16, "binary32": np.float32, "binary64": np.float64}
EXP_DOMAIN = {"binary64": (-700, 700), "binary16": (-17, 11), "binary32": (-87, 88)}
BINADES = {"binary64": (-1022, 1024), "binary16": (-14, 16), "binary32": (-126, 128)}


def inputs(function, fmt, dist, n, rng):
    """Draws n inputs (pairs for the Bessel functions) as in Inputs.swift."""
    dt = FORMATS[fmt]
    if function == "exp":
        lo, hi = EXP_DOMAIN[fmt] if dist == "wide" else (-1, 1)
        return (rng.uniform(lo, hi, n).astype(dt),)
    if function == "log":
        if dist == "wide":
            lo, hi = BINADES[fmt]
            u = rng.uniform(lo, hi, n)
            e = np.floor(u)
            with np.errstate(over="ignore"):
                return (np.ldexp(np.exp2(u - e), e.astype(np.int64)).astype(dt),)
        return (rng.uniform(0.5, 2, n).astype(dt),)
    if dist == "wide":
        return (rng.uniform(0, 50, n).astype(dt), np.exp2(rng.uniform(-4, 10, n)).astype(dt))
    return (rng.uniform(0, 2, n).astype(dt), rng.uniform(0.5, 2, n).astype(dt))


def kernel(function, args, out):
    """A no-argument callable computing function over args into out."""
    if function == "exp":
        (x,) = args
        return lambda: np.exp(x, out=out)
    if function == "log":
        (x,) = args
        return lambda: np.log(x, out=out)
    v, x = args
    tmp = np.empty_like(out)
    if function == "logBesselI":
        def f():
            special.ive(v, x, out=tmp)
            np.log(tmp, out=tmp)
            np.add(tmp, x, out=out)
        return f

    def g():
        special.kve(v, x, out=tmp)
        np.log(tmp, out=tmp)
        np.subtract(tmp, x, out=out)
    return g


def stats(values):
    s = np.sort(np.asarray(values, dtype=np.float64))
    q = lambda p: float(np.quantile(s, p))  # linear interpolation, as in Stats.init
    return {"median": q(0.5), "q1": q(0.25), "q3": q(0.75), "min": float(s[0]), "max": float(s[-1])}


def run_group(impls, n, reps, target_ns):
    """impls: list of (name, library, callable). Round-robin, one sample each per repetition."""
    iters = []
    for _, _, f in impls:
        f()
        t0 = time.perf_counter_ns()
        f()
        t = max(time.perf_counter_ns() - t0, 1)
        iters.append(max(1, -(-int(target_ns) // t)))
    samples = [[] for _ in impls]
    for rep in range(reps):
        for j in range(len(impls)):
            i = (j + rep) % len(impls)
            f, k = impls[i][2], iters[i]
            t0 = time.perf_counter_ns()
            for _ in range(k):
                f()
            samples[i].append((time.perf_counter_ns() - t0) / (k * n))
    return [
        {
            "implementation": name,
            "library": lib,
            "process": "python",
            "nsPerElement": stats(samples[i]),
            "samples": [round(x, 4) for x in samples[i]],
        }
        for i, (name, lib, _) in enumerate(impls)
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="5 repetitions, 1 Mi large arrays, 1 ms samples")
    ap.add_argument("--repetitions", type=int)
    ap.add_argument("--sample-ms", type=float)
    ap.add_argument("--large", type=int)
    ap.add_argument("--json", help="write the records here (atomically)")
    a = ap.parse_args()
    reps = a.repetitions or (5 if a.quick else 11)
    target_ns = (a.sample_ms or (1 if a.quick else 4)) * 1e6
    large = a.large or ((1 << 20) if a.quick else (8 << 20))
    small = 4096

    npv, spv = np.__version__, scipy.__version__
    groups = []
    plan = []
    for function in ("exp", "log"):
        for fmt in ("binary32", "binary64", "binary16"):
            for dist in ("wide", "narrow"):
                for mode, n in (("batch-L2", small), ("batch-large", large)):
                    name = f"NumPy {function} ({np.dtype(FORMATS[fmt]).name} array)"
                    plan.append((function, fmt, dist, mode, n, name, f"NumPy {npv}"))
    for function, sp in (("logBesselI", "ive"), ("logBesselK", "kve")):
        sign = "+" if sp == "ive" else "-"
        for fmt in ("binary64", "binary32"):
            for dist in ("wide", "narrow"):
                plan.append((function, fmt, dist, "batch-L2", small,
                             f"SciPy log({sp}(v, x)) {sign} x", f"SciPy {spv}"))
    for function, fmt, dist, mode, n, name, lib in plan:
        rng = np.random.default_rng(zlib.crc32(f"{function}{fmt}{dist}".encode()))
        args = inputs(function, fmt, dist, n, rng)
        out = np.empty(n, dtype=FORMATS[fmt])
        print(f"[scipy] {function} {fmt} {dist} {mode}", file=sys.stderr)
        with np.errstate(all="ignore"):
            results = run_group([(name, lib, kernel(function, args, out))], n, reps, target_ns)
        groups.append({
            "function": function, "format": fmt, "distribution": dist,
            "inputs": "(see the Swift harness: same distribution)", "mode": mode, "elements": n,
            "unit": "ns/element", "baseline": None, "results": results,
        })
    doc = {
        "versions": {"NumPy": npv, "SciPy": spv, "Python": platform.python_version()},
        "notes": [f"NumPy/SciPy rows come from Benchmarks/scipy_bench.py (Python {platform.python_version()}), "
                  "a separate process: one ufunc call per sample iteration, so their batch-L2 figures include "
                  "NumPy's per-call overhead (about 1 µs, i.e. ~0.25 ns/element at 4096 elements). "
                  "The Bessel rows are three ufunc passes (ive or kve, log, add)."],
        "groups": groups,
    }
    if a.json:
        tmp = f"{os.path.dirname(os.path.abspath(a.json))}/.{os.path.basename(a.json)}.tmp.{os.getpid()}"
        with open(tmp, "w") as fh:
            json.dump(doc, fh, indent=1)
            fh.write("\n")
        os.replace(tmp, a.json)
    else:
        print("| function | format | inputs | mode | implementation | ns/element median (IQR) |")
        print("|---|---|---|---|---|---:|")
        for g in groups:
            for r in g["results"]:
                s = r["nsPerElement"]
                print(f"| {g['function']} | {g['format']} | {g['distribution']} | {g['mode']} | "
                      f"{r['implementation']} | {s['median']:.3g} ({s['q1']:.3g}–{s['q3']:.3g}) |")


if __name__ == "__main__":
    main()
