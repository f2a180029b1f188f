// Scripts/check-researcher, step 4b: EvoMath's own specs in package form (`evomath emit --package`),
// compiled outside EvoMath against its public kernel protocol, against the shipped functions: every
// binary16/bfloat16 input, every 4093rd binary32 bit pattern and the binary32 specs' exception inputs. Prints the number of differing results
// per function (NaN = NaN). Compiled without optimization, so each side runs its own code.
import EvoMath

func same(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
var differ: [String: Int] = [:]
for bits in 0...UInt16.max {
    let h = Float16(bitPattern: bits), b = BFloat16(bitPattern: bits)
    if !same(Float(ExpBinary16CorrectlyRounded.exp(h)), Float(Evolved.exp(h))) { differ["exp binary16", default: 0] += 1 }
    if !same(Float(LogBinary16CorrectlyRounded.log(h)), Float(Evolved.log(h))) { differ["log binary16", default: 0] += 1 }
    if !same(Float(LogBfloat16CorrectlyRounded.log(b)), Float(Evolved.log(b))) { differ["log bfloat16", default: 0] += 1 }
}
var bits: UInt32 = 0
while true {
    let x = Float(bitPattern: bits)
    if !same(ExpBinary32Fast.exp(x), Evolved.Fast.exp(x)) { differ["Fast.exp binary32", default: 0] += 1 }
    if !same(ExpBinary32CorrectlyRounded.exp(x), Evolved.exp(x)) { differ["exp binary32", default: 0] += 1 }
    if !same(LogBinary32CorrectlyRounded.log(x), Evolved.log(x)) { differ["log binary32", default: 0] += 1 }
    let (next, overflow) = bits.addingReportingOverflow(4093)
    if overflow { break }
    bits = next
}
// The exceptions' inputs (the rare path's table of each correctly rounded binary32 spec), which the stride misses.
// (Generated/ExpBinary32CorrectlyRounded.generated.swift, Generated/LogBinary32CorrectlyRounded.generated.swift)
for x: Float in [0x1.8d7cb6p-12, 0x1.97f0f6p+4, -0x1.c1c4b8p-10]
where !same(ExpBinary32CorrectlyRounded.exp(x), Evolved.exp(x)) { differ["exp binary32", default: 0] += 1 }
for x: Float in [0x1.827a74p-7, 0x1.2f1fd6p+3, 0x1.cb534cp+13, 0x1.d1309cp+62, 0x1.b121a6p+76, 0x1.6351d8p+95]
where !same(LogBinary32CorrectlyRounded.log(x), Evolved.log(x)) { differ["log binary32", default: 0] += 1 }
for name in ["exp binary16", "log binary16", "log bfloat16", "Fast.exp binary32", "exp binary32", "log binary32"] { print(name, differ[name, default: 0]) }
