// exp for binary32: < 1 ULP on all 2^32 inputs (the fast tier; the accurate
// tier is the same function until a correctly rounded kernel is found).
//
// Error budget: x = k·ln2/32 + r, |r| ≤ ln2/64; the kernel
// `ExpBinary32Fast` (Generated/) computes q ≈ exp(r) − 1 with absolute error
// 1e-9 in Float (a cubic found as ((a·r + b)² + c)·r, 5 operations, no FMA);
// the 32-entry table holds 2^(i/32) as two Floats, and the reconstruction
// t + (t·q + t_low) rounds essentially once (0.5 ULP). Measured over all
// 2^32 inputs by the verifier: max 0.771 ULP at x = -0x1.5e1712p+6 (a
// subnormal result, rounded twice); 1,539,260 results misrounded (not
// correctly rounded, still < 1 ULP). See Generators/exp.binary32.fast.json.

extension Evolved.Fast {
    /// The exponential, e^x, in binary32 with < 1 ULP error.
    ///
    /// ```
    /// exp(x) = 2^(k >> 5) · (t + (t·q(r) + t_low)),  x = k·ln2/32 + r
    /// ```
    ///
    /// Edge Cases:
    /// - NaN → NaN
    /// - x > 0x1.62e42ep+6 (≈ 88.72) → +infinity
    /// - x < -0x1.9fe368p+6 (≈ -103.97) → +0
    @inlinable
    public static func exp(_ x: Float) -> Float {
        typealias K = ExpBinary32Fast
        // Special cases, in one unlikely branch: NaN, overflow, underflow.
        if _slowPath(!(x <= K.overflowThreshold && x >= K.underflowThreshold)) {
            if x.isNaN { return x }
            return x > 0 ? .infinity : 0
        }
        // Reduction, kernel and split reconstruction (ExpSupport).
        return ExpSupport.inRangeSplit(x, K.self)
    }

    /// exp of every element of `input` into `output` (same count), with the
    /// same results as `exp(_:)`.
    ///
    /// (A branch-free variant that selects the special results was measured
    /// too: 2.03 ns/element with default flags against 2.10 for this loop, but
    /// 2.83 against 1.91 with `-target-cpu native`, where the vectorizer turns
    /// the table lookups into slow gathers; `Scripts/benchmark --quick`.)
    @inlinable
    public static func exp(_ input: Span<Float>, into output: inout MutableSpan<Float>) {
        precondition(input.count == output.count, "input and output must have the same count")
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                for i in 0..<source.count { destination[i] = exp(source[i]) }
            }
        }
    }
}

extension Evolved {
    /// The exponential, e^x, in binary32: the fast tier's < 1 ULP function
    /// (no correctly rounded binary32 kernel has been searched yet).
    @inlinable
    public static func exp(_ x: Float) -> Float { Evolved.Fast.exp(x) }

    /// exp of every element of `input` into `output` (same count).
    @inlinable
    public static func exp(_ input: Span<Float>, into output: inout MutableSpan<Float>) {
        Evolved.Fast.exp(input, into: &output)
    }
}
