// Batch entries of log I_v(x) and log K_v(x): a fixed order over many arguments, and arrays of
// (order, argument) pairs, for Double and Float, as Span -> MutableSpan and as [T] -> [T].
//
// Every element gets the scalar function's result bit for bit (LogBesselBatchTests): the loops call
// the scalar evaluation per element (not vectorized: each element takes its own region, term count
// and number of loop iterations, so SIMD lanes would diverge; see the README's log-Bessel section).
// The fixed-order binary64 log I computes the power series' order part (`LogBessel.SeriesOrder`:
// the double-double product for Gamma(v+1) and 1/Gamma(1+f)) once per call instead of per element.

extension LogBessel {
    /// `SeriesOrder(|v|)` when log I_v(x) can take the power series (v finite, |v| < `Regions.debyeMinOrder`,
    /// v >= 0 or a negative integer), nil otherwise (the scalar path then needs none).
    static func seriesOrder(forI v: Double) -> SeriesOrder? {
        var w = v
        if w < 0 {
            if w == w.rounded(.towardZero) { w = -w } else { return nil }
        }
        guard w.isFinite && w < Regions.debyeMinOrder else { return nil }
        return SeriesOrder(w)
    }

    /// output[i] = f(input[i]).
    @inline(__always)
    static func map<T>(_ input: Span<T>, _ output: inout MutableSpan<T>, _ f: (T) -> T) {
        precondition(input.count == output.count, "input and output must have the same count")
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                for i in 0..<source.count { destination[i] = f(source[i]) }
            }
        }
    }

    /// output[i] = f(a[i], b[i]).
    @inline(__always)
    static func map<T>(_ a: Span<T>, _ b: Span<T>, _ output: inout MutableSpan<T>, _ f: (T, T) -> T) {
        precondition(a.count == b.count && a.count == output.count, "orders, arguments and output must have the same count")
        a.withUnsafeBufferPointer { first in
            b.withUnsafeBufferPointer { second in
                output.withUnsafeMutableBufferPointer { destination in
                    for i in 0..<first.count { destination[i] = f(first[i], second[i]) }
                }
            }
        }
    }

    /// [f(input[i])].
    @inline(__always)
    static func array<T>(_ input: [T], _ f: (T) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: input.count) { destination, initialized in
            input.withUnsafeBufferPointer { source in
                for i in 0..<source.count { destination[i] = f(source[i]) }
            }
            initialized = input.count
        }
    }

    /// [f(a[i], b[i])].
    @inline(__always)
    static func array<T>(_ a: [T], _ b: [T], _ f: (T, T) -> T) -> [T] {
        precondition(a.count == b.count, "orders and arguments must have the same count")
        return [T](unsafeUninitializedCapacity: a.count) { destination, initialized in
            a.withUnsafeBufferPointer { first in
                b.withUnsafeBufferPointer { second in
                    for i in 0..<first.count { destination[i] = f(first[i], second[i]) }
                }
            }
            initialized = a.count
        }
    }
}

extension Evolved {
    /// log I_v(x) for one order `v` and every element of `x`, into `output` (same count): the results of
    /// `logBesselI(order:_:)` bit for bit. The power series' order part is computed once per call.
    public static func logBesselI(order v: Double, _ x: Span<Double>, into output: inout MutableSpan<Double>) {
        let order = LogBessel.seriesOrder(forI: v)
        LogBessel.map(x, &output) { LogBessel.logI(v, $0, order: order) }
    }

    /// log I for every pair (orders[i], x[i]), into `output` (all three the same count): the results of
    /// `logBesselI(order:_:)` bit for bit.
    public static func logBesselI(orders: Span<Double>, _ x: Span<Double>, into output: inout MutableSpan<Double>) {
        LogBessel.map(orders, x, &output) { LogBessel.logI($0, $1) }
    }

    /// log I_v(x) for one order `v` and every element of `x`, as `logBesselI(order:_:)` gives them.
    public static func logBesselI(order v: Double, _ x: [Double]) -> [Double] {
        let order = LogBessel.seriesOrder(forI: v)
        return LogBessel.array(x) { LogBessel.logI(v, $0, order: order) }
    }

    /// log I for every pair (orders[i], x[i]) (the same count), as `logBesselI(order:_:)` gives them.
    public static func logBesselI(orders: [Double], _ x: [Double]) -> [Double] {
        LogBessel.array(orders, x) { LogBessel.logI($0, $1) }
    }

    /// log K_v(x) for one order `v` and every element of `x`, into `output` (same count): the results of
    /// `logBesselK(order:_:)` bit for bit.
    public static func logBesselK(order v: Double, _ x: Span<Double>, into output: inout MutableSpan<Double>) {
        LogBessel.map(x, &output) { LogBessel.logK(v, $0) }
    }

    /// log K for every pair (orders[i], x[i]), into `output` (all three the same count): the results of
    /// `logBesselK(order:_:)` bit for bit.
    public static func logBesselK(orders: Span<Double>, _ x: Span<Double>, into output: inout MutableSpan<Double>) {
        LogBessel.map(orders, x, &output) { LogBessel.logK($0, $1) }
    }

    /// log K_v(x) for one order `v` and every element of `x`, as `logBesselK(order:_:)` gives them.
    public static func logBesselK(order v: Double, _ x: [Double]) -> [Double] {
        LogBessel.array(x) { LogBessel.logK(v, $0) }
    }

    /// log K for every pair (orders[i], x[i]) (the same count), as `logBesselK(order:_:)` gives them.
    public static func logBesselK(orders: [Double], _ x: [Double]) -> [Double] {
        LogBessel.array(orders, x) { LogBessel.logK($0, $1) }
    }

    /// log I_v(x) in binary32 for one order `v` and every element of `x`, into `output` (same count):
    /// the results of `logBesselI(order:_:)` for Float bit for bit.
    public static func logBesselI(order v: Float, _ x: Span<Float>, into output: inout MutableSpan<Float>) {
        LogBessel.map(x, &output) { Float(LogBessel.logI(Double(v), Double($0), binary32: true)) }
    }

    /// log I in binary32 for every pair (orders[i], x[i]), into `output` (all three the same count).
    public static func logBesselI(orders: Span<Float>, _ x: Span<Float>, into output: inout MutableSpan<Float>) {
        LogBessel.map(orders, x, &output) { Float(LogBessel.logI(Double($0), Double($1), binary32: true)) }
    }

    /// log I_v(x) in binary32 for one order `v` and every element of `x`.
    public static func logBesselI(order v: Float, _ x: [Float]) -> [Float] {
        LogBessel.array(x) { Float(LogBessel.logI(Double(v), Double($0), binary32: true)) }
    }

    /// log I in binary32 for every pair (orders[i], x[i]) (the same count).
    public static func logBesselI(orders: [Float], _ x: [Float]) -> [Float] {
        LogBessel.array(orders, x) { Float(LogBessel.logI(Double($0), Double($1), binary32: true)) }
    }

    /// log K_v(x) in binary32 for one order `v` and every element of `x`, into `output` (same count):
    /// the results of `logBesselK(order:_:)` for Float bit for bit.
    public static func logBesselK(order v: Float, _ x: Span<Float>, into output: inout MutableSpan<Float>) {
        LogBessel.map(x, &output) { Float(LogBessel.logK(Double(v), Double($0), binary32: true)) }
    }

    /// log K in binary32 for every pair (orders[i], x[i]), into `output` (all three the same count).
    public static func logBesselK(orders: Span<Float>, _ x: Span<Float>, into output: inout MutableSpan<Float>) {
        LogBessel.map(orders, x, &output) { Float(LogBessel.logK(Double($0), Double($1), binary32: true)) }
    }

    /// log K_v(x) in binary32 for one order `v` and every element of `x`.
    public static func logBesselK(order v: Float, _ x: [Float]) -> [Float] {
        LogBessel.array(x) { Float(LogBessel.logK(Double(v), Double($0), binary32: true)) }
    }

    /// log K in binary32 for every pair (orders[i], x[i]) (the same count).
    public static func logBesselK(orders: [Float], _ x: [Float]) -> [Float] {
        LogBessel.array(orders, x) { Float(LogBessel.logK(Double($0), Double($1), binary32: true)) }
    }
}
