/// The constants of the rare path of a binary32 function evaluated in
/// binary64: Float(z) of the Double result z is correctly rounded unless the
/// exact value lies within z's error of a rounding boundary, so the runtime
/// consults the spec's exceptions only when z lies within `window` of a
/// boundary (`ExpSupport`/`LogSupport` test the bit pattern of z: 2^9 Double
/// ulps of the midpoint pattern, 2^-43 relative), and the search scans every
/// input whose exact value lies within `scanWidth` of one. A kernel whose
/// error budget exceeds `window` could misround outside the rare path.
public enum RarePath {
    /// z within 2^-43 (relative) of a rounding boundary.
    public static let window = 0x1p-43
    /// The search's exhaustive scan: every input within 2^-39 of a boundary.
    public static let scanWidth = 0x1p-39
    public static let windowText = "2^-43"
    public static let scanWidthText = "2^-39"
}
