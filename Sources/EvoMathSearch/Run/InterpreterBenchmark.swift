import Foundation

/// The interpreter's throughput, for the report.
public enum InterpreterBenchmark {
    /// Program-sample evaluations per second of a degree-6 Horner program
    /// (12 operations) in each arithmetic, one core.
    public static func run(recipe: Recipe) -> String {
        let coefficients = (0...6).map { 1 / Double((1...max(1, $0)).reduce(1, *)) }
        var lines: [String] = []
        for fused in [false, true] {
            let p = Remez.horner(coefficients, fused: fused)
            let n = 4096
            let ops = p.instructions.filter { $0.op.isArithmetic }.count
            func measure(_ label: String, _ body: () -> Void) {
                var reps = 0
                let start = Date()
                while Date().timeIntervalSince(start) < 0.5 { body(); reps += 1 }
                let seconds = Date().timeIntervalSince(start)
                let rate = Double(reps * n) / seconds
                lines.append(String(format: "%@ %@: %.3g program-sample evaluations/s (%.3g operations/s, %d operations per program)",
                                    label, fused ? "fused" : "unfused", rate, rate * Double(ops), ops))
            }
            let xf = (0..<n).map { Float($0) / Float(n) }
            var rf = [Float](repeating: 0, count: p.count * n)
            measure("binary32") {
                xf.withUnsafeBufferPointer { ip in rf.withUnsafeMutableBufferPointer { r in
                    Interpreter.run(p, inputs: [ip.baseAddress!], count: n, fused: fused, registers: r.baseAddress!)
                } }
            }
            let xd = xf.map(Double.init)
            var rd = [Double](repeating: 0, count: p.count * n)
            measure("binary64") {
                xd.withUnsafeBufferPointer { ip in rd.withUnsafeMutableBufferPointer { r in
                    Interpreter.run(p, inputs: [ip.baseAddress!], count: n, fused: fused, registers: r.baseAddress!)
                } }
            }
            if !fused {
                let xx = xd.map { DoubleDouble($0) }
                var rr = [DoubleDouble](repeating: DoubleDouble(0), count: p.count * n)
                measure("real (double-double)") {
                    xx.withUnsafeBufferPointer { ip in rr.withUnsafeMutableBufferPointer { r in
                        Interpreter.runReal(p, inputs: [ip.baseAddress!], count: n, registers: r.baseAddress!)
                    } }
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
