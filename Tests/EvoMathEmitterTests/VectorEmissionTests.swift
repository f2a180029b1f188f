import EvoMathSpec
@testable import EvoMathEmitter
import Testing

/// The vector kernel emitter on a small inline program: the scalar kernel's
/// statements, lane by lane, constants broadcast, FMA only where fused.
@Suite struct VectorEmissionTests {
    /// fma(r, 0.5, 1) · r
    static let program = Program(inputNames: ["r"], instructions: [
        .input(0), .constant(0.5), .constant(1), Instruction(.fma, 0, 1, 2), Instruction(.mul, 3, 0),
    ])

    @Test func floatLanesUnfused() {
        let text = Emitter.vectorKernelBody(Self.program, fused: false, lane: "SIMD16<Float>", binary64: false, indent: "")
        #expect(text == """
        let v1 = SIMD16<Float>(repeating: 0x1p-1)
        let v2 = SIMD16<Float>(repeating: 0x1p+0)
        let v3p = r * v1
        let v3 = v3p + v2
        let v4 = v3 * r
        return v4

        """)
    }

    @Test func doubleLanesFused() {
        let text = Emitter.vectorKernelBody(Self.program, fused: true, lane: "SIMD8<Double>", binary64: true, indent: "")
        #expect(text.contains("let v3 = v2.addingProduct(r, v1)\n"))
        #expect(text.hasPrefix("let v1 = SIMD8<Double>(repeating: 0x1p-1)\n"))
    }
}
