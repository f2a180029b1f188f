#!/usr/bin/env python3
"""Heatmaps of the log-Bessel error over (v, x): EvoMath beside SciPy and GSL.

Reads the CSV files of `evomath verify logBesselI|logBesselK --type binary64|binary32 --csv FILE`
(one row per point: set, v, x, got, the exact logarithm L as exact_high + exact_low, error), evaluates
SciPy (log(ive(v, x)) + x, log(kve(v, x)) - x, in the format's NumPy type) and GSL (the helper
gsl-values.c: log(gsl_sf_bessel_Inu_scaled_e) + x, gsl_sf_bessel_lnKnu_e, in binary64, rounded to
binary32 for binary32) at the same points, measures every result in the same metric
|y - L| / (eps * max(1, |L|)) against the same L, and writes per function and format

  <out>/logBessel-heatmap.<function>.<format>.png   the grid set: three panels, failures marked
  <out>/logBessel-peers.md                           max error, where, non-finite counts per set

usage: heatmaps.py --gsl PATH_TO_BUILT_HELPER --out Tables --command 'how the CSVs were made' CSV...
"""
import argparse
import math
import os
import subprocess
import sys

import numpy as np
import scipy
from scipy import special

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import LogNorm, ListedColormap  # noqa: E402

EPS = {"binary64": 2.0**-52, "binary32": 2.0**-23}
DTYPE = {"binary64": np.float64, "binary32": np.float32}


def read_csv(path):
    """Columns of an `evomath verify --csv` file, values exactly (hex)."""
    sets, cols = [], {k: [] for k in ("v", "x", "got", "hi", "lo", "err")}
    with open(path) as f:
        header = f.readline().strip().split(",")
        if header != ["set", "v", "x", "got", "exact_high", "exact_low", "error"]:
            sys.exit(f"{path}: not a CSV of `evomath verify --csv` (header {header})")
        for n, line in enumerate(f, 2):
            p = line.rstrip("\n").split(",")
            if len(p) != 7:
                sys.exit(f"{path}: line {n} has {len(p)} fields, not 7")
            sets.append(p[0])
            for k, s in zip(("v", "x", "got", "hi", "lo"), p[1:6]):
                cols[k].append(float.fromhex(s) if s.startswith(("0x", "-0x")) else float(s))
            cols["err"].append(float(p[6]))
    return np.array(sets), {k: np.array(v, dtype=np.float64) for k, v in cols.items()}


def metric(y, hi, lo, eps):
    """|y - L| / (eps max(1, |L|)) with L = hi + lo; inf where y is not finite and L is."""
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.abs((y - hi) - lo) / (eps * np.maximum(1.0, np.abs(hi)))
    e[~np.isfinite(y)] = np.inf
    return e


def scipy_values(function, fmt, v, x):
    t = DTYPE[fmt]
    v, x = v.astype(t), x.astype(t)
    with np.errstate(all="ignore"):
        if function == "logBesselI":
            return (np.log(special.ive(v, x)) + x).astype(np.float64)
        return (np.log(special.kve(v, x)) - x).astype(np.float64)


def gsl_values(helper, function, fmt, v, x):
    text = "".join(f"{a.hex()} {b.hex()}\n" for a, b in zip(v, x))
    out = subprocess.run([helper], input=text, capture_output=True, text=True, check=True).stdout.split("\n")
    col = 0 if function == "logBesselI" else 1
    y = np.array([float.fromhex(line.split()[col]) if "nan" not in line.split()[col] else math.nan
                  for line in out if line], dtype=np.float64)
    if len(y) != len(v):
        sys.exit(f"gsl helper returned {len(y)} values for {len(v)} pairs")
    return y.astype(np.float32).astype(np.float64) if fmt == "binary32" else y


def edges(centers):
    """Cell edges around sorted centers (in the plotted coordinate)."""
    c = np.asarray(centers, dtype=np.float64)
    if len(c) == 1:
        return np.array([c[0] - 0.5, c[0] + 0.5])
    mid = (c[1:] + c[:-1]) / 2
    return np.concatenate([[c[0] - (mid[0] - c[0])], mid, [c[-1] + (c[-1] - mid[-1])]])


def order_coordinate(v):
    """log10 v, with v = 0 drawn one row below the least positive order."""
    v = np.asarray(v, dtype=np.float64)
    positive = v[v > 0]
    zero_at = (np.log10(positive.min()) - 0.3) if len(positive) else 0.0
    with np.errstate(divide="ignore"):
        return np.where(v > 0, np.log10(np.where(v > 0, v, 1.0)), zero_at), zero_at


def describe(name, err, v, x, got, hi):
    finite_l = np.isfinite(hi)
    fail = ~np.isfinite(got)
    finite_err = np.where(np.isfinite(err), err, -1.0)
    i = int(np.argmax(finite_err))
    return {"name": name, "points": len(err), "failures": int(np.sum(fail & finite_l)),
            "max": float(finite_err[i]), "where": (float(v[i]), float(x[i])),
            "median": float(np.median(err[np.isfinite(err)])) if np.any(np.isfinite(err)) else math.nan}


def plot(function, fmt, v, x, errors, stats, path):
    orders = np.unique(v)
    args = np.unique(x)
    oc, zero_at = order_coordinate(orders)
    ye, xe = edges(oc), edges(np.log10(args))
    row = {o: i for i, o in enumerate(orders)}
    col = {a: j for j, a in enumerate(args)}
    ri = np.array([row[a] for a in v])
    ci = np.array([col[b] for b in x])
    finite_all = np.concatenate([e[np.isfinite(e)] for e in errors.values()])
    vmax = max(10.0, float(np.max(finite_all)) if len(finite_all) else 10.0)
    norm = LogNorm(vmin=0.1, vmax=vmax)
    fig, axes = plt.subplots(1, len(errors), figsize=(6.2 * len(errors), 5.2), sharey=True, constrained_layout=True)
    mesh = None
    for ax, (lib, err) in zip(axes, errors.items()):
        grid = np.full((len(orders), len(args)), np.nan)
        fail = np.zeros((len(orders), len(args)), dtype=bool)
        grid[ri, ci] = np.clip(np.where(np.isfinite(err), err, np.nan), 0.1, None)
        fail[ri, ci] = ~np.isfinite(err)
        mesh = ax.pcolormesh(xe, ye, np.ma.masked_invalid(grid), norm=norm, cmap="viridis", shading="flat")
        if fail.any():
            ax.pcolormesh(xe, ye, np.ma.masked_where(~fail, np.ones_like(grid)),
                          cmap=ListedColormap(["#ff00ff"]), shading="flat")
        s = stats[lib]
        ax.set_title(f"{lib}: max {s['max']:.3g}, non-finite {s['failures']} of {s['points']}\n"
                     f"(worst at v = {s['where'][0]:.4g}, x = {s['where'][1]:.4g})", fontsize=9)
        ax.set_xlabel("log10 x")
    axes[0].set_ylabel("log10 v (bottom row: v = 0)")
    ticks = [t for t in range(int(math.ceil(ye[0])), int(math.floor(ye[-1])) + 1)]
    axes[0].set_yticks([zero_at] + [t for t in ticks if t > zero_at + 0.2])
    axes[0].set_yticklabels(["0"] + [str(t) for t in ticks if t > zero_at + 0.2])
    cb = fig.colorbar(mesh, ax=axes, shrink=0.9)
    cb.set_label(f"error / ε·max(1,|L|), ε = 2^{int(math.log2(EPS[fmt]))} (below 0.1 drawn as 0.1)")
    fig.suptitle(f"{function} in {fmt}: |y − L| / (ε·max(1, |L|)) over the grid ({len(orders)} orders × {len(args)} "
                 "arguments); magenta: ±inf or NaN where L is finite")
    fig.savefig(path, dpi=80)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gsl", required=True, help="the built gsl-values helper")
    ap.add_argument("--out", default="Tables")
    ap.add_argument("--command", default="", help="the commands that made the CSVs, for the page")
    ap.add_argument("csv", nargs="+")
    a = ap.parse_args()
    lines = ["# log I_v(x) and log K_v(x): EvoMath, SciPy and GSL on the same points", "",
             f"Written by `Scripts/logbessel-verify` (`Scripts/logbessel/heatmaps.py`, SciPy {scipy.__version__}, "
             f"NumPy {np.__version__}, GSL through `Scripts/logbessel/gsl-values.c`) from the CSV files of "
             "`evomath verify --csv`; the EvoMath reports are `Tables/<function>.<format>.evolved.md`.", "",
             f"Commands: {a.command}" if a.command else "", "",
             "Metric |y − L| / (ε·max(1, |L|)), L the exact logarithm from the MPFR ground truth (stored in the CSV as "
             "a double-double), ε = 2^-52 (binary64) or 2^-23 (binary32); the same L and points for every library. "
             "SciPy: `log(ive(v, x)) + x`, `log(kve(v, x)) − x` in the format's NumPy type (float64 or float32). GSL: "
             "`log(gsl_sf_bessel_Inu_scaled_e) + x`, `gsl_sf_bessel_lnKnu_e`, computed in binary64 (rounded to binary32 "
             "for binary32). *Non-finite*: ±inf, NaN or a GSL error status where L is finite. *max* is over the finite "
             "results; the worst point is where it occurs.", "",
             "| function | format | set | points | library | max error | worst point (v, x) | median | non-finite |",
             "|---|---|---|---:|---|---:|---|---:|---:|"]
    figures = []
    for path in a.csv:
        base = os.path.basename(path)
        function, fmt = base.split(".")[0], base.split(".")[1]
        if function not in ("logBesselI", "logBesselK") or fmt not in EPS:
            sys.exit(f"{path}: name it <function>.<format>.csv (logBesselI|logBesselK, binary64|binary32)")
        sets, c = read_csv(path)
        peers = {"EvoMath": c["got"],
                 "SciPy": scipy_values(function, fmt, c["v"], c["x"]),
                 "GSL": gsl_values(a.gsl, function, fmt, c["v"], c["x"])}
        errors = {lib: metric(y, c["hi"], c["lo"], EPS[fmt]) for lib, y in peers.items()}
        # EvoMath's errors as the verifier measured them (MPFR, exact): the CSV column; the
        # double-double recomputation above must agree with it (a check of this script).
        ours = c["err"]
        both = np.isfinite(ours) & np.isfinite(errors["EvoMath"])
        if np.any(np.abs(ours[both] - errors["EvoMath"][both]) > 1e-6 * np.maximum(1, ours[both]) + 1e-9):
            sys.exit(f"{path}: the recomputed EvoMath errors differ from the verifier's")
        errors["EvoMath"] = ours
        for name in dict.fromkeys(sets):
            m = sets == name
            for lib in peers:
                s = describe(lib, errors[lib][m], c["v"][m], c["x"][m], peers[lib][m], c["hi"][m])
                lines.append(f"| {function} | {fmt} | {name} | {s['points']} | {lib} | {s['max']:.4g} | "
                             f"{s['where'][0]:.17g}, {s['where'][1]:.17g} | {s['median']:.3g} | {s['failures']} |")
        m = sets == "grid"
        if np.any(m):
            stats = {lib: describe(lib, errors[lib][m], c["v"][m], c["x"][m], peers[lib][m], c["hi"][m]) for lib in peers}
            png = f"logBessel-heatmap.{function}.{fmt}.png"
            plot(function, fmt, c["v"][m], c["x"][m], {lib: errors[lib][m] for lib in peers}, stats, os.path.join(a.out, png))
            figures.append((function, fmt, png))
    lines += ["", "## Heatmaps (the grid set)", ""]
    for function, fmt, png in figures:
        lines += [f"### {function}, {fmt}", "", f"![{function} {fmt}]({png})", ""]
    with open(os.path.join(a.out, "logBessel-peers.md"), "w") as f:
        f.write("\n".join(lines).replace("\n\n\n", "\n\n") + "\n")


if __name__ == "__main__":
    main()
