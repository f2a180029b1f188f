import Foundation

/// Reading a ULP report (`verify --json`) strictly, for `merge`: unknown
/// keys refused, every count within the inputs checked, the histogram of
/// the layout this tool writes, binades named once, no NaN error; faults as
/// `SpecFileError`s naming the file, the key path and what was expected.
extension ULPReport {
    /// The keys of a report and of its nested objects, as `jsonData()` writes them.
    static let keys: [String: Set<String>] = [
        "": ["function", "format", "implementation", "method", "shards", "inputsChecked", "maxULP", "worst", "misrounded",
             "misroundedSamples", "specialFailures", "specialFailureSamples", "histogram", "filter", "decidedByFilter",
             "decidedByMPFR", "wallSeconds", "mpfrVersion", "command", "binades"],
        "case": ["x", "got", "want", "ulp"],
        "bin": ["lower", "upper", "count"],
        "binade": ["inputs", "count", "maxULP"],
    ]

    /// Parses a report's bytes (`file` is named in errors): the entry point
    /// of `evomath merge` and of a fuzz harness.
    public static func parse(data: Data, file: String) throws -> ULPReport {
        let report: ULPReport
        do { report = try decode(data) } catch let e as DecodingError { throw SpecFileError(file: file, e) }
        func fault(_ keyPath: String, _ message: String) -> SpecFileError { SpecFileError(file: file, keyPath: keyPath, message) }
        // Unknown keys (the decoder above ignores them).
        if let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            func refuse(_ object: Any?, _ kind: String, _ path: String) throws {
                guard let o = object as? [String: Any] else { return }
                if let k = o.keys.sorted().first(where: { !keys[kind]!.contains($0) }) {
                    throw fault(path.isEmpty ? k : path + "." + k,
                                "unknown key (expected one of: \(keys[kind]!.sorted().joined(separator: ", ")))")
                }
            }
            try refuse(top, "", "")
            try refuse(top["worst"], "case", "worst")
            for name in ["misroundedSamples", "specialFailureSamples"] {
                for (i, c) in ((top[name] as? [Any]) ?? []).enumerated() { try refuse(c, "case", "\(name)[\(i)]") }
            }
            for (i, b) in ((top["histogram"] as? [Any]) ?? []).enumerated() { try refuse(b, "bin", "histogram[\(i)]") }
            for (i, b) in ((top["binades"] as? [Any]) ?? []).enumerated() { try refuse(b, "binade", "binades[\(i)]") }
        }
        guard ["exhaustive", "sampled"].contains(report.method) else {
            throw fault("method", "expected exhaustive or sampled, found '\(report.method)'")
        }
        // Counts: no real run checks 2^53 inputs; the bound keeps merged sums exact.
        let n = report.inputsChecked
        guard n <= 1 << 53 else { throw fault("inputsChecked", "expected at most 2^53 inputs, found \(n)") }
        for (key, v) in [("misrounded", report.misrounded), ("specialFailures", report.specialFailures),
                         ("decidedByFilter", report.decidedByFilter), ("decidedByMPFR", report.decidedByMPFR)] where v > n {
            throw fault(key, "expected at most inputsChecked (\(n)), found \(v)")
        }
        func checkULP(_ u: Double, _ key: String) throws {
            guard u >= 0 else { throw fault(key, "expected an error ≥ 0 in ULP (or inf), found \(u)") }
        }
        try checkULP(report.maxULP, "maxULP")
        if let w = report.worst { try checkULP(w.ulp, "worst.ulp") }
        for (i, c) in report.misroundedSamples.enumerated() { try checkULP(c.ulp, "misroundedSamples[\(i)].ulp") }
        for (i, c) in report.specialFailureSamples.enumerated() { try checkULP(c.ulp, "specialFailureSamples[\(i)].ulp") }
        guard report.wallSeconds >= 0, report.wallSeconds.isFinite else { throw fault("wallSeconds", "expected a finite number ≥ 0") }
        guard report.histogram.count == binEdges.count else {
            throw fault("histogram", "expected \(binEdges.count) bins (upper edges \(binEdges.map { ULPReport.formatULP($0) }.joined(separator: ", "))), found \(report.histogram.count)")
        }
        var total: UInt64 = 0
        for (i, b) in report.histogram.enumerated() {
            let lower = i == 0 ? 0 : binEdges[i - 1]
            guard b.lower == lower, b.upper == binEdges[i] else {
                throw fault("histogram[\(i)]", "expected the bin [\(lower), \(binEdges[i])), found [\(b.lower), \(b.upper))")
            }
            guard b.count <= n else { throw fault("histogram[\(i)].count", "expected at most inputsChecked (\(n)), found \(b.count)") }
            total += b.count
        }
        guard total <= n else { throw fault("histogram", "the bins count \(total) inputs, more than inputsChecked (\(n))") }
        var labels = Set<String>()
        for (i, b) in report.binades.enumerated() {
            guard labels.insert(b.inputs).inserted else { throw fault("binades[\(i)].inputs", "the binade '\(b.inputs)' is listed twice") }
            guard b.count <= n else { throw fault("binades[\(i)].count", "expected at most inputsChecked (\(n)), found \(b.count)") }
            try checkULP(b.maxULP, "binades[\(i)].maxULP")
        }
        return report
    }

    public static func read(at path: String) throws -> ULPReport {
        try parse(data: try SpecReader.contents(of: path), file: path)
    }
}
