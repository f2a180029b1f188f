// Uses the kernel that `evomath emit --package` wrote beside this file (ExpP12e8CorrectlyRounded.swift): its
// `exp` takes a p12e8 value carried in a Float and returns exp(x) correctly rounded to p12e8, carried in a Float.
//
//   CustomFormat          a few values
//   CustomFormat --all    every p12e8 encoding (2^20): "input-bits result-bits" (binary32 bit patterns, hex)
import EvoMath

/// The p12e8 value of a 20-bit encoding (sign, 8 exponent bits, 11 fraction bits) as a Float: binary32's
/// layout with the 12 low fraction bits zero.
func p12e8(_ bits: UInt32) -> Float { Float(bitPattern: bits << 12) }

if CommandLine.arguments.dropFirst().first == "--all" {
    var out = ""
    for bits in UInt32(0)..<(1 << 20) {
        let x = p12e8(bits)
        let y = ExpP12e8CorrectlyRounded.exp(x)
        out += String(x.bitPattern, radix: 16) + " " + String(y.bitPattern, radix: 16) + "\n"
        if out.utf8.count > 1 << 16 { print(out, terminator: ""); out = "" }
    }
    print(out, terminator: "")
} else {
    for x: Float in [-10, -1, -0.5, 0, 0.5, 1, 2, 10, 88] {
        let y = ExpP12e8CorrectlyRounded.exp(x)
        print("exp(\(x)) = \(y) in p12e8 (binary32's correctly rounded exp: \(Evolved.exp(x)))")
    }
}
