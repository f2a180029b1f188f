import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        if let filter, decidedByFilter > 0 || filter.hasPrefix("none") {
            lines.append("decided by the filter: \(decidedByFilter), by MPFR: \(decidedByMPFR) (filter \(filter))")
        }
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
        s += "| filter | \(filter ?? (format == "binary32" ? "trusted: glibc's binary64 (the report predates recorded filters)" : "none: MPFR on every input")) |\n"
        s += "| decided by the filter / by MPFR | \(decidedByFilter) / \(decidedByMPFR) |\n"
        s += "| wall time | \(String(format: "%.1f", wallSeconds)) s |\n\n"
        s += "![max error by input binade](\(fileStem).svg)\n\n"
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

    public func jsonData() throws -> Data { try ReportJSON.encode(self) }

    public static func decode(_ data: Data) throws -> ULPReport { try ReportJSON.decode(ULPReport.self, from: data) }

    /// The file stem under `Tables/`: `exp.binary32.system` (plus the shard).
    public var fileStem: String {
        "\(function).\(format).\(implementation)" + (shards.count == 1 ? ".shard-" + shards[0].replacingOccurrences(of: "/", with: "-of-") : "")
    }
}

/// The JSON of reports: pretty, keys sorted, infinite and NaN errors as
/// the strings "inf", "-inf", "nan".
public enum ReportJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: data)
    }
}

/// Durable writes of reports: `DurableFile` (EvoMathSpec), the one
/// implementation, with its errors as `VerificationError`s.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        do { try DurableFile.write(data, to: path) } catch let e as SpecFileError {
            throw VerificationError.invalidArgument(e.description)
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}

extension ULPReport {
    /// An SVG bar chart of the largest error in each input binade, with the
    /// 0.5 and 1 ULP lines; infinite errors are drawn full height in red.
    public var binadePlotSVG: String {
        let width = 900.0, height = 320.0
        let left = 60.0, right = 20.0, top = 30.0, bottom = 60.0
        let plotW = width - left - right, plotH = height - top - bottom
        let finite = binades.map(\.maxULP).filter(\.isFinite)
        var yTop = 1.0
        while yTop < (finite.max() ?? 0) { yTop *= 2 }
        func y(_ u: Double) -> Double { top + plotH * (1 - min(u, yTop) / yTop) }
        let n = max(binades.count, 1)
        let barW = plotW / Double(n)
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var s = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="11">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(left))" y="18" font-size="13">\(function) \(format) \(implementation): max error by input binade (\(method), \(inputsChecked) inputs)</text>

        """
        for (i, b) in binades.enumerated() {
            let x = left + Double(i) * barW
            let color = b.maxULP.isFinite ? (b.maxULP > 0.5 ? "#d62728" : "#1f77b4") : "#7f0000"
            let barTop = b.maxULP.isFinite ? y(b.maxULP) : y(yTop)
            s += "<rect x=\"\(f(x))\" y=\"\(f(barTop))\" width=\"\(f(max(barW - 0.5, 0.5)))\" height=\"\(f(y(0) - barTop))\" fill=\"\(color)\"><title>\(b.inputs): \(b.count) inputs, max \(ULPReport.formatULP(b.maxULP)) ULP</title></rect>\n"
        }
        for (u, label) in [(0.5, "0.5 ULP"), (1.0, "1 ULP")] where u <= yTop {
            s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(y(u)))\" y2=\"\(f(y(u)))\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>"
            s += "<text x=\"\(f(left - 4))\" y=\"\(f(y(u) + 4))\" text-anchor=\"end\">\(label)</text>\n"
        }
        if yTop > 1 {
            s += "<text x=\"\(f(left - 4))\" y=\"\(f(y(yTop) + 4))\" text-anchor=\"end\">\(Int(yTop)) ULP</text>\n"
        }
        s += "<text x=\"\(f(left - 4))\" y=\"\(f(y(0) + 4))\" text-anchor=\"end\">0</text>\n"
        s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\" stroke=\"black\"/>\n"
        let step = max(1, n / 8)
        for i in stride(from: 0, to: binades.count, by: step) {
            let x = left + (Double(i) + 0.5) * barW
            s += "<text x=\"\(f(x))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(binades[i].inputs)</text>\n"
        }
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">input binade (x in [2^e, 2^(e+1)), negative x on the left)</text>\n"
        s += "</svg>\n"
        return s
    }
}
