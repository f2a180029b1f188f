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
