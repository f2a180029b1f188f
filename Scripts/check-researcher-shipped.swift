// Scripts/check-researcher, step 4b: EvoMath's own specs in package form (`evomath emit --package`),
// compiled outside EvoMath against its public kernel protocol, against the shipped functions: every
// binary16/bfloat16 input, and every 4093rd binary32 bit pattern. Prints the number of differing results
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
    let (next, overflow) = bits.addingReportingOverflow(4093)
    if overflow { break }
    bits = next
}
for name in ["exp binary16", "log binary16", "log bfloat16", "Fast.exp binary32"] { print(name, differ[name, default: 0]) }
