import Foundation
/// Hexadecimal floating-point text, C99 style (`-0x1.ce651ep-8`), as the
/// command line reads and writes values.
public enum HexFloat {
    /// The shortest C99 hex form of `x`: normalized `0x1.hhhp±e` for every
    /// non-zero finite value (subnormals too), `0x0p+0`, `inf`, `nan`.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let sign = x.sign == .minus ? "-" : ""
        if x == 0 { return sign + "0x0p+0" }
        let a = abs(x)
        let e = Int(a.exponent)
        // Significand in [1, 2) as 52 fraction bits (subnormal Doubles are
        // normalized here, so nothing is lost).
        let m = Double(sign: .plus, exponent: -e, significand: a)
        var digits = ""
        var f = m.significandBitPattern
        var count = 13
        while count > 0 && f & 0xF == 0 { f >>= 4; count -= 1 }
        if count > 0 {
            let s = String(f, radix: 16)
            digits = "." + String(repeating: "0", count: count - s.count) + s
        }
        return "\(sign)0x1\(digits)p\(e >= 0 ? "+" : "")\(e)"
    }

    /// Parses a hex float (`0x1.8p3`, `-0x1p-149`), a decimal (`0.5`, `1e-3`),
    /// `inf`/`infinity`/`nan`/`snan` (any case, optional sign). Nil if malformed.
    public static func parse(_ text: Substring) -> Double? {
        var t = text.lowercased()
        var negative = false
        if t.hasPrefix("-") { negative = true; t.removeFirst() } else if t.hasPrefix("+") { t.removeFirst() }
        let value: Double?
        switch t {
        case "inf", "infinity": value = .infinity
        case "nan", "qnan": value = .nan
        case "snan": value = .signalingNaN
        default:
            guard let first = t.first, first.isNumber || first == "." else { return nil }
            // Swift's parser accepts a few forms C does not (and vice versa);
            // reject anything with characters outside a number's alphabet.
            let allowed = Set("0123456789abcdefx.p+-")
            guard t.allSatisfy({ allowed.contains($0) }) else { return nil }
            value = Double(t)
        }
        guard let v = value else { return nil }
        return negative ? -v : v
    }
}

/// A file of hex floats separated by white space or commas (`evomath eval`
/// input, `Data/hard-cases/*.txt`): `#` starts a comment. Errors name the
/// file and the line.
public enum HexInputFile {
    public struct Value: Sendable {
        public var value: Double
        public var line: Int
        public var text: Substring
    }

    /// Parses the bytes of `file` (named in errors; `standard input` for
    /// stdin): the entry point of `evomath eval` and of a fuzz harness.
    public static func parse(data: Data, file: String) throws -> [Value] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecFileError(file: file, "not UTF-8 text (expected hex floats such as 0x1.8p-3, separated by white space)")
        }
        var values: [Value] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for token in content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "," }) {
                // Shown short, with control characters (NUL…) escaped.
                var shown: String {
                    (token.count > 40 ? String(token.prefix(40)) + "…" : String(token)).unicodeScalars
                        .map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
                }
                guard let v = HexFloat.parse(token) else {
                    throw SpecFileError(file: file, keyPath: "line \(index + 1)",
                                        "'\(shown)' is not a number (expected a hex float such as 0x1.8p-3)")
                }
                // A finite literal beyond binary64's range would be read as
                // ±inf: a silent change of value, refused.
                if v.isInfinite && !token.lowercased().contains("inf") {
                    throw SpecFileError(file: file, keyPath: "line \(index + 1)",
                                        "'\(shown)' overflows binary64 (it is not inf)")
                }
                values.append(Value(value: v, line: index + 1, text: token))
            }
        }
        return values
    }
}
