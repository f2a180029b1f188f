// Uses the kernel that `evomath emit --package` wrote beside this file (ExpBfloat16Fast.swift): its `exp` is
// EvoMath's complete bfloat16 exp (special cases, reduction, reconstruction) specialized for that kernel.
//
//   Researcher          a few values
//   Researcher --all    every bfloat16 input: "input-bits result-bits" in hex, one line each
import EvoMath

if CommandLine.arguments.dropFirst().first == "--all" {
    var out = ""
    for bits in 0...UInt16.max {
        let y = ExpBfloat16Fast.exp(BFloat16(bitPattern: bits))
        out += String(bits, radix: 16) + " " + String(y.bitPattern, radix: 16) + "\n"
        if out.utf8.count > 1 << 16 { print(out, terminator: ""); out = "" }
    }
    print(out, terminator: "")
} else {
    print("kernel protocol version \(ExpBfloat16Fast.kernelProtocolVersion) (EvoMath implements \(EvoMathKernelProtocol.version))")
    for x: Float in [-2, -0.5, 0, 0.5, 1, 2, 10] {
        let y = ExpBfloat16Fast.exp(BFloat16(x))
        print("exp(\(x)) = \(Float(y)) in bfloat16 (EvoMath's shipped, correctly rounded: \(Float(Evolved.exp(BFloat16(x)))))")
    }
}
