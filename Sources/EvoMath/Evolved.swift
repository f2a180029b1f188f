/// The namespace of EvoMath's functions.
///
/// `Evolved.exp(x)` and `Evolved.log(x)` are the accurate tier; `Evolved.Fast`
/// holds the cheaper tier (< 1 ULP). Their hot paths are kernels discovered by
/// `evomath search` and emitted into `Generated/` by `evomath emit`; the
/// hand-written glue around them (special cases, range reduction) lives beside
/// this file, one function per file.
public enum Evolved {
    /// The fast tier: every result within 1 ULP of the exact value, cheaper than
    /// the accurate tier.
    public enum Fast {}
}
