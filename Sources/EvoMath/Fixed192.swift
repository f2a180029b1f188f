// The rare paths of the correctly rounded binary64 exp and log: 192-bit fixed
// point, integers only, no dependency.
//
// A `Fixed192` is a 192-bit two's complement integer N standing for N·2^-176
// (15 integer bits and a sign, 176 fraction bits). Every operation below is
// exact except where it says "truncates": then the error is below one unit,
// 2^-176. The rare paths add up these units in their error bounds
// (Exp+Double.swift, Log+Double.swift), which come to about 2^-160 relative —
// far below the 2^-(53+65) that the known hardest binary64 cases of exp and
// log need — so the rounding of the approximation by `roundToDouble` is the
// correctly rounded result.

@usableFromInline
struct Fixed192 {
    /// The limbs, most significant first.
    @usableFromInline var high: UInt64
    @usableFromInline var middle: UInt64
    @usableFromInline var low: UInt64

    @usableFromInline static let fractionBits = 176

    @inlinable
    init(_ high: UInt64, _ middle: UInt64, _ low: UInt64) {
        self.high = high; self.middle = middle; self.low = low
    }

    @inlinable
    init(_ limbs: (UInt64, UInt64, UInt64)) {
        self.init(limbs.0, limbs.1, limbs.2)
    }

    /// 1 = 2^176.
    @usableFromInline static let one = Fixed192(1 << 48, 0, 0)
    @usableFromInline static let zero = Fixed192(0, 0, 0)

    @usableFromInline var isNegative: Bool { Int64(bitPattern: high) < 0 }
    @usableFromInline var isZero: Bool { high | middle | low == 0 }

    /// The nonnegative integer `m·2^shift` (m < 2^64, 0 ≤ shift, result < 2^191).
    @usableFromInline
    static func integer(_ m: UInt64, shiftedLeftBy shift: Int) -> Fixed192 {
        var r = Fixed192(0, 0, m)
        r.shiftLeft(shift)
        return r
    }

    @usableFromInline
    mutating func shiftLeft(_ s: Int) {
        var s = s
        while s >= 64 { high = middle; middle = low; low = 0; s -= 64 }
        if s > 0 {
            high = (high << UInt64(s)) | (middle >> UInt64(64 - s))
            middle = (middle << UInt64(s)) | (low >> UInt64(64 - s))
            low = low << UInt64(s)
        }
    }

    /// Logical shift right (for nonnegative values), truncating.
    @usableFromInline
    mutating func shiftRight(_ s: Int) {
        var s = s
        if s >= 192 { self = .zero; return }
        while s >= 64 { low = middle; middle = high; high = 0; s -= 64 }
        if s > 0 {
            low = (low >> UInt64(s)) | (middle << UInt64(64 - s))
            middle = (middle >> UInt64(s)) | (high << UInt64(64 - s))
            high = high >> UInt64(s)
        }
    }

    @usableFromInline
    static func + (a: Fixed192, b: Fixed192) -> Fixed192 {
        let (l, c0) = a.low.addingReportingOverflow(b.low)
        let (m1, c1) = a.middle.addingReportingOverflow(b.middle)
        let (m, c2) = m1.addingReportingOverflow(c0 ? 1 : 0)
        let h = a.high &+ b.high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
        return Fixed192(h, m, l)
    }

    @usableFromInline
    var negated: Fixed192 { Fixed192(~high, ~middle, ~low) + Fixed192(0, 0, 1) }

    @usableFromInline
    static func - (a: Fixed192, b: Fixed192) -> Fixed192 { a + b.negated }

    /// a < b for nonnegative values.
    @usableFromInline
    static func < (a: Fixed192, b: Fixed192) -> Bool {
        (a.high, a.middle, a.low) < (b.high, b.middle, b.low)
    }

    /// The nonnegative value times a small nonnegative integer (exact while
    /// the result stays below 2^191).
    @usableFromInline
    func times(_ k: UInt64) -> Fixed192 {
        let l = low.multipliedFullWidth(by: k)
        let m = middle.multipliedFullWidth(by: k)
        let h = high &* k
        let (mid, c) = m.low.addingReportingOverflow(l.high)
        return Fixed192(h &+ m.high &+ (c ? 1 : 0), mid, l.low)
    }

    /// The nonnegative value divided by a small positive integer, truncating.
    @usableFromInline
    func dividedBy(_ d: UInt64) -> Fixed192 {
        let (qh, rh) = high.quotientAndRemainder(dividingBy: d)
        let (qm, rm) = d.dividingFullWidth((rh, middle))
        let (ql, _) = d.dividingFullWidth((rm, low))
        return Fixed192(qh, qm, ql)
    }

    /// The product of two nonnegative values, truncating: (a·b) >> 176.
    @usableFromInline
    static func * (a: Fixed192, b: Fixed192) -> Fixed192 {
        // The 384-bit product in six limbs w[0] (least) … w[5].
        var w: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        let x = [a.low, a.middle, a.high], y = [b.low, b.middle, b.high]
        withUnsafeMutableBytes(of: &w) { raw in
            let limbs = raw.bindMemory(to: UInt64.self)
            for i in 0..<3 {
                var carry: UInt64 = 0
                for j in 0..<3 {
                    let p = x[i].multipliedFullWidth(by: y[j])
                    let (s1, c1) = limbs[i + j].addingReportingOverflow(p.low)
                    let (s2, c2) = s1.addingReportingOverflow(carry)
                    limbs[i + j] = s2
                    carry = p.high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
                }
                limbs[i + 3] = carry
            }
        }
        // Bits 176 … 367: limbs 2 … 5 shifted right by 48.
        return Fixed192((w.5 << 16) | (w.4 >> 48), (w.4 << 16) | (w.3 >> 48), (w.3 << 16) | (w.2 >> 48))
    }

    /// The nonnegative value times m < 2^64, shifted right by s ≥ 0,
    /// truncating (the 256-bit product is formed exactly first; the result
    /// must be below 2^191).
    @usableFromInline
    func times(_ m: UInt64, shiftedRightBy s: Int) -> Fixed192 {
        let l = low.multipliedFullWidth(by: m)
        let md = middle.multipliedFullWidth(by: m)
        let h = high.multipliedFullWidth(by: m)
        let (w1, c1) = l.high.addingReportingOverflow(md.low)
        let (w2a, c2) = md.high.addingReportingOverflow(h.low)
        let (w2, c3) = w2a.addingReportingOverflow(c1 ? 1 : 0)
        let w3 = h.high &+ (c2 ? 1 : 0) &+ (c3 ? 1 : 0)
        // The 256-bit (w3, w2, w1, w0) >> s.
        var r = Fixed192(w3, w2, w1)
        var below = l.low
        var s = s
        if s >= 64 {
            r.shiftRight(s - 64)
            return r
        }
        // s < 64: shift (w3, w2, w1, w0) right by s and keep the low 192 bits.
        if s > 0 {
            below = (below >> UInt64(s)) | (r.low << UInt64(64 - s))
            r.shiftRight(s)
            s = 0
        }
        return Fixed192(r.middle, r.low, below)
    }

    /// The number of significant bits of a nonnegative value.
    @usableFromInline
    var bitWidth: Int {
        if high != 0 { return 192 - high.leadingZeroBitCount }
        if middle != 0 { return 128 - middle.leadingZeroBitCount }
        return 64 - low.leadingZeroBitCount
    }

    /// Bit j of a nonnegative value.
    @usableFromInline
    func bit(_ j: Int) -> Bool {
        let limb = j >= 128 ? high : j >= 64 ? middle : low
        return (limb >> UInt64(j & 63)) & 1 == 1
    }

    /// Whether any of bits 0 ..< j are set.
    @usableFromInline
    func anyBitBelow(_ j: Int) -> Bool {
        if j <= 0 { return false }
        if j >= 192 { return !isZero }
        var v = self
        v.shiftLeft(192 - j)
        return !v.isZero
    }
}

extension Fixed192 {
    /// The binary64 nearest (ties to even) to `±magnitude·2^exponent`, with
    /// subnormal results and overflow to infinity handled: `magnitude` (≠ 0,
    /// nonnegative) is treated as exact, so the caller's error bound must keep
    /// the exact value on the same side of every rounding boundary.
    @usableFromInline
    static func roundToDouble(_ magnitude: Fixed192, exponent: Int, negative: Bool) -> Double {
        let width = magnitude.bitWidth
        if width == 0 { return negative ? -0.0 : 0.0 }
        let top = width - 1 + exponent          // value in [2^top, 2^(top+1))
        if top >= 1024 { return negative ? -.infinity : .infinity }
        let quantum = max(top - 52, -1074)      // the exponent of the result's ulp
        let drop = quantum - exponent           // bits of magnitude below the ulp
        var significand: UInt64
        if drop <= 0 {
            // Fewer than 53 bits: exact (the rare paths always have more).
            var v = magnitude
            v.shiftLeft(-drop)
            significand = v.low
        } else if drop > width {
            // Below half of the smallest subnormal.
            return negative ? -0.0 : 0.0
        } else {
            var v = magnitude
            v.shiftRight(drop)
            significand = v.low
            let half = magnitude.bit(drop - 1)
            let sticky = magnitude.anyBitBelow(drop - 1)
            if half && (sticky || significand & 1 == 1) { significand += 1 }
        }
        // significand·2^quantum is exactly representable (or overflows to infinity).
        let value = Double(sign: .plus, exponent: quantum, significand: Double(significand))
        return negative ? -value : value
    }
}
