/// The namespace of EvoMath's functions.
///
/// `Evolved.exp(x)` and `Evolved.log(x)` are the accurate tier; `Evolved.Fast`
/// holds the cheaper tier (< 1 ULP). Their hot paths are kernels discovered by
/// `evomath search` and emitted into `Generated/` by `evomath emit`; the
/// hand-written glue around them (special cases, range reduction) lives beside
/// this file, one function per file.
///
/// Floating-point environment: the functions assume IEEE 754's default —
/// round to nearest, ties to even; subnormals neither flushed to zero nor
/// read as zero; exceptions not trapping — which is what Swift code always
/// runs in (only C code can change it, with `fesetround` or the MXCSR
/// flush-to-zero/denormals-are-zero bits). Their accuracy claims hold there
/// only. Under a directed rounding mode every intermediate rounds that way
/// and the compiler's assumptions of round-to-nearest no longer hold: results
/// are no longer correctly rounded (measured in a debug build over every
/// 16-bit input and 2^16 binary32 inputs: within 1.39 ULP for binary32
/// `Fast.exp` and 1.93 ULP for binary32 `Fast.log`, scalar and batch, and
/// 1.01 ULP for the other binary32 and
/// 16-bit functions; over 2^14 inputs, 1.23 ULP for binary64 exp and log,
/// both tiers; log-Bessel not measured; not guaranteed).
/// With flush-to-zero, subnormal results become ±0; with denormals-are-zero,
/// subnormal inputs are read as ±0 (exp gives 1, log gives −infinity).
/// NaN inputs give a quiet NaN (a signalling NaN is quieted); the special
/// cases raise no floating-point exception other than those the arithmetic
/// raises on its own (inexact, and invalid for a signalling NaN).
public enum Evolved {
    /// The fast tier: every result within 1 ULP of the exact value, cheaper than
    /// the accurate tier.
    public enum Fast {}
}
