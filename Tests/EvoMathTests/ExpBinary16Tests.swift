import EvoMath
import Testing

/// Special inputs and monotonicity of the binary16 exp (accuracy on every input
/// is checked against MPFR in EvoMathSearchTests/ExpRuntimeTests).
@Suite struct ExpBinary16Tests {
    @Test func specialCases() {
        #expect(Evolved.exp(Float16.nan).isNaN)
        #expect(Evolved.exp(Float16.infinity) == .infinity)
        #expect(Evolved.exp(-Float16.infinity) == 0)
        #expect(Evolved.exp(Float16(0)) == 1)
        #expect(Evolved.exp(-Float16(0)) == 1)
        #expect(Evolved.exp(Float16(12)) == .infinity)
        #expect(Evolved.exp(Float16(-18)) == 0)
        #expect(Evolved.exp(Float16(1)) == Float16(2.71875))
    }

    @Test func monotonic() {
        var previous = Float16(0)
        var x = -Float16.infinity
        while x < .infinity {
            let y = Evolved.exp(x)
            #expect(y >= previous, "exp(\(x)) = \(y) < \(previous)")
            previous = y
            x = x.nextUp
        }
    }
}
