import Foundation

extension ULPReport {
    /// The ARM-`ulp`-style lines: what was checked, the worst case, counts.
    public var summaryLines: [String] {
        var lines: [String] = []
        let scope = shards.isEmpty ? "" : " (shards \(shards.joined(separator: ", ")))"
        lines.append("\(function) \(format) \(implementation): \(method)\(scope), \(inputsChecked) inputs, \(String(format: "%.1f", wallSeconds)) s")
        if let w = worst {
            lines.append("max \(ULPReport.formatULP(maxULP)) ULP at \(w.x): got \(w.got) want \(w.want)")
        }
        let fraction = inputsChecked == 0 ? 0 : Double(misrounded) / Double(inputsChecked) * 100
        lines.append("not correctly rounded: \(misrounded) (\(String(format: "%.6f", fraction))%), special-value failures: \(specialFailures)")
        return lines
    }

    /// Error in ulps as printed: four decimals, or `inf`.
    public static func formatULP(_ u: Double) -> String {
        u.isFinite ? String(format: "%.6f", u) : "inf"
    }

    /// A Markdown page for people.
    public var markdown: String {
        var s = "# \(function) in \(format): \(implementation)\n\n"
        s += "Produced by `\(command)` (MPFR \(mpfrVersion)).\n\n"
        s += "```\n" + summaryLines.joined(separator: "\n") + "\n```\n\n"
        s += "| | |\n|---|---|\n"
        s += "| method | \(method)\(shards.isEmpty ? "" : " (shards \(shards.joined(separator: ", ")))") |\n"
        s += "| inputs checked | \(inputsChecked) |\n"
        s += "| max error | \(ULPReport.formatULP(maxULP)) ULP |\n"
        if let w = worst { s += "| worst input | `\(w.x)` → got `\(w.got)`, want `\(w.want)` |\n" }
        s += "| not correctly rounded | \(misrounded) |\n"
        s += "| special-value failures | \(specialFailures) |\n"
        s += "| decided by binary64 filter / by MPFR | \(decidedByFilter) / \(decidedByMPFR) |\n"
        s += "| wall time | \(String(format: "%.1f", wallSeconds)) s |\n\n"
        s += "## Error histogram\n\n| error (ULP) | results |\n|---|---:|\n"
        for bin in histogram where bin.count > 0 {
            let upper = bin.upper.isFinite ? "\(bin.upper)" : "∞ (incl. NaN/inf results)"
            s += "| [\(bin.lower), \(upper)) | \(bin.count) |\n"
        }
        if !misroundedSamples.isEmpty {
            s += "\n## Worst results that are not correctly rounded\n\n| x | got | want | ULP |\n|---|---|---|---:|\n"
            for c in misroundedSamples { s += "| `\(c.x)` | `\(c.got)` | `\(c.want)` | \(ULPReport.formatULP(c.ulp)) |\n" }
        }
        if !specialFailureSamples.isEmpty {
            s += "\n## Special-value failures\n\n| x | got | want |\n|---|---|---|\n"
            for c in specialFailureSamples { s += "| `\(c.x)` | `\(c.got)` | `\(c.want)` |\n" }
        }
        return s
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> ULPReport {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(ULPReport.self, from: data)
    }

    /// The file stem under `Tables/`: `exp.binary32.system` (plus the shard).
    public var fileStem: String {
        "\(function).\(format).\(implementation)" + (shards.count == 1 ? ".shard-" + shards[0].replacingOccurrences(of: "/", with: "-of-") : "")
    }
}

/// Writes files so that a killed run leaves the previous file intact: the
/// bytes go to a temporary file in the same directory, then a rename.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
