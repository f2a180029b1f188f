import EvoMathSpec
import Foundation

/// The measured cost of a search's finalists (issue 11, item 3): a Swift
/// program that times each finalist's emitted kernel on this machine,
/// written by `evomath measure-cost` into a scratch package, built in
/// release mode and run. The kernels are emitted by the same code as the
/// shipped ones (`kernelBody`, `vectorKernelBody`: one `let` per operation,
/// constants rounded to the evaluation type, `addingProduct` for a fused
/// multiply-add when the recipe has one), so what is timed is what `evomath
/// emit` would ship, minus the function's special cases and exceptions.
///
/// Each finalist is timed in two modes over the same inputs (uniform over
/// the kernel's reduced interval for its table size, `count` of them):
/// - scalar: independent calls of the scalar kernel (`@inline(never)`, as a
///   caller in another module pays without inlining: the same call for every
///   finalist), the result multiplied by the entry of a table of 2^T values
///   at a pseudo-random index — the reduction's load, priced by its size;
/// - vector: `lanes` elements per step through the SIMD kernel, the table
///   entries loaded lane by lane through an `UnsafePointer` (what the
///   runtime's batch entries do).
/// Finalists are timed round-robin, `repetitions` times each; the median
/// ns per element of each mode is printed, one line per finalist:
/// `index<TAB>scalar ns<TAB>vector ns`.
public enum TimingHarness {
    public struct Kernel: Sendable {
        public var program: Program
        public var tableBits: Int
        /// The kernel's reduced interval for this table size.
        public var interval: (Double, Double)
        public init(program: Program, tableBits: Int, interval: (Double, Double)) {
            self.program = program
            self.tableBits = tableBits
            self.interval = interval
        }
    }

    /// The Package.swift of the scratch package (one executable, no
    /// dependencies; flags come from the command line).
    public static let manifest = """
        // swift-tools-version:5.9
        // Written by evomath measure-cost: a scratch package timing a search's finalists.
        import PackageDescription
        let package = Package(name: "FinalistTiming", targets: [.executableTarget(name: "finalist-timing", path: "Sources")])

        """

    /// `main.swift`: the kernels, then the timing loop.
    public static func source(kernels: [Kernel], evaluation: EvaluationType, fused: Bool, lanes: Int = 8,
                              count: Int = 4096, repetitions: Int = 15) -> String {
        let scalar = evaluation == .binary32 ? "Float" : "Double"
        let lane = "SIMD\(lanes)<\(scalar)>"
        let binary64 = evaluation != .binary32
        var s = "// Written by evomath measure-cost (TimingHarness.swift); times each finalist's emitted kernel.\n"
        s += "#if canImport(Glibc)\nimport Glibc\n#endif\n\n"
        for (i, k) in kernels.enumerated() {
            let input = k.program.inputNames.first ?? "r"
            s += "@inline(never) func scalar\(i)(_ \(input): \(scalar)) -> \(scalar) {\n"
            s += Emitter.kernelBody(k.program, fused: fused, indent: "    ") { v, value in
                "let \(v): \(scalar) = \(binary64 ? HexFloat.format(value) : Emitter.literal(value))"
            }
            s += "}\n"
            s += "@inline(__always) func vector\(i)(_ \(input): \(lane)) -> \(lane) {\n"
            s += Emitter.vectorKernelBody(k.program, fused: fused, lane: lane, binary64: binary64, indent: "    ")
            s += "}\n"
        }
        s += """

            let count = \(count), lanes = \(lanes), repetitions = \(repetitions)
            func now() -> UInt64 {
                var t = timespec()
                clock_gettime(CLOCK_MONOTONIC, &t)
                return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
            }
            var state: UInt64 = 0x9E3779B97F4A7C15
            func next() -> UInt64 {
                state &+= 0x9E3779B97F4A7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
                z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
                return z ^ (z >> 31)
            }
            func inputs(_ lo: Double, _ hi: Double) -> [\(scalar)] {
                (0..<count).map { _ in \(scalar)(lo + (hi - lo) * Double(next() >> 11) * 0x1p-53) }
            }
            func indices(_ bits: Int) -> [Int32] { (0..<count).map { _ in Int32(truncatingIfNeeded: next() & ((1 << UInt64(bits)) - 1)) } }
            func table(_ bits: Int) -> [\(scalar)] { (0..<(1 << bits)).map { 1 + \(scalar)($0) * 0x1p-12 } }
            var output = [\(scalar)](repeating: 0, count: count)
            var sink: \(scalar) = 0
            func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }

            """
        s += "var scalarTimes = [[Double]](repeating: [], count: \(kernels.count))\n"
        s += "var vectorTimes = [[Double]](repeating: [], count: \(kernels.count))\n"
        for (i, k) in kernels.enumerated() {
            s += "let x\(i) = inputs(\(HexFloat.format(k.interval.0)), \(HexFloat.format(k.interval.1))), "
            s += "i\(i) = indices(\(k.tableBits)), t\(i) = table(\(k.tableBits))\n"
        }
        s += "for _ in 0..<repetitions {\n"
        for (i, k) in kernels.enumerated() {
            let load = k.tableBits > 0
            s += """
                    do {
                        let a = now()
                        x\(i).withUnsafeBufferPointer { x in i\(i).withUnsafeBufferPointer { ix in t\(i).withUnsafeBufferPointer { t in
                            output.withUnsafeMutableBufferPointer { o in
                                for j in 0..<count { o[j] = \(load ? "t[Int(ix[j])] * " : "")scalar\(i)(x[j]) }
                            }
                        } } }
                        let b = now()
                        x\(i).withUnsafeBufferPointer { x in i\(i).withUnsafeBufferPointer { ix in t\(i).withUnsafeBufferPointer { t in
                            output.withUnsafeMutableBufferPointer { o in
                                var j = 0
                                while j + lanes <= count {
                                    var r = \(lane)(), e = \(lane)(repeating: 1)
                                    for l in 0..<lanes { r[l] = x[j + l]\(load ? "; e[l] = t[Int(ix[j + l])]" : "") }
                                    let y = e * vector\(i)(r)
                                    for l in 0..<lanes { o[j + l] = y[l] }
                                    j += lanes
                                }
                            }
                        } } }
                        let c = now()
                        sink += output[Int(next() % UInt64(count))]
                        scalarTimes[\(i)].append(Double(b - a) / Double(count))
                        vectorTimes[\(i)].append(Double(c - b) / Double(count))
                    }

                """
        }
        s += "}\n"
        s += """
            for k in 0..<scalarTimes.count {
                print("\\(k)\\t\\(median(scalarTimes[k]))\\t\\(median(vectorTimes[k]))")
            }
            if sink.isNaN { print("nan") }

            """
        return s
    }
}
