extension Program {
    /// The program as a polynomial in its one input, c0 + c1·x + c2·x² + …:
    /// the coefficients, when in exact arithmetic the program computes that
    /// polynomial with every coefficient a Double (each sum and product of
    /// constants in the expansion exact). Nil for a division or square root,
    /// or a coefficient that is not a Double. A template that evaluates the
    /// polynomial in its own order (for example Estrin's scheme) emits these
    /// coefficients; a search that scores the program in double-double
    /// scores the same polynomial.
    public var monomialCoefficients: [Double]? {
        guard inputCount == 1 else { return nil }
        var values: [[Double]] = []
        for ins in instructions {
            let v: [Double]?
            switch ins.op {
            case .input: v = [0, 1]
            case .constant: v = [ins.value]
            case .add: v = Self.sum(values[ins.a], values[ins.b])
            case .sub: v = Self.sum(values[ins.a], values[ins.b].map { -$0 })
            case .neg: v = values[ins.a].map { -$0 }
            case .mul: v = Self.product(values[ins.a], values[ins.b])
            case .fma: v = Self.product(values[ins.a], values[ins.b]).flatMap { Self.sum($0, values[ins.c]) }
            case .div, .sqrt: v = nil
            }
            guard let p = v, p.allSatisfy(\.isFinite) else { return nil }
            values.append(p)
        }
        var c = values[output]
        while c.count > 1 && c.last == 0 { c.removeLast() }
        return c
    }

    /// x + y when the sum is exact (its rounding error, by TwoSum, is 0).
    static func exactSum(_ x: Double, _ y: Double) -> Double? {
        let s = x + y
        let b = s - x
        let e = (x - (s - b)) + (y - b)
        return e == 0 ? s : nil
    }

    static func sum(_ a: [Double], _ b: [Double]) -> [Double]? {
        var out: [Double] = []
        for i in 0..<max(a.count, b.count) {
            guard let s = exactSum(i < a.count ? a[i] : 0, i < b.count ? b[i] : 0) else { return nil }
            out.append(s)
        }
        return out
    }

    static func product(_ a: [Double], _ b: [Double]) -> [Double]? {
        var out = [Double](repeating: 0, count: a.count + b.count - 1)
        for i in a.indices {
            for j in b.indices {
                let p = a[i] * b[j]
                // The product's rounding error, by a fused multiply-add.
                guard (-p).addingProduct(a[i], b[j]) == 0, let s = exactSum(out[i + j], p) else { return nil }
                out[i + j] = s
            }
        }
        return out
    }
}

extension Program: Equatable {
    /// The same inputs and the same instructions (a recipe's seed programs
    /// compare as part of `RecipeFile`).
    public static func == (a: Program, b: Program) -> Bool {
        a.inputNames == b.inputNames && a.instructions == b.instructions
    }
}
