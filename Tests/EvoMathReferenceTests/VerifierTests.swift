import EvoMathReference
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct VerifierTests {
    /// A correctly rounded implementation with one planted 1-ULP error: the
    /// verifier must find exactly that input.
    @Test(arguments: [FloatFormat.binary16, .bfloat16])
    func findsAPlantedOneULPError(format: FloatFormat) throws {
        let planted = format == .binary16 ? 0x1.8p-3 : 0x1.4p+2
        let reference = CorrectlyRoundedReference(ExpFunction())
        var table: [UInt64: Double] = [:]
        for bits in 0..<format.encodingCount {
            let x = format.decode(bits)
            table[x.bitPattern] = reference.value(at: x, in: format)
        }
        let frozen = table
        let impl = Implementation(name: "planted") { x in
            let y = x.isNaN ? Double.nan : frozen[x.bitPattern]!
            return x == planted ? format.nextUp(y) : y
        }
        let report = try Verifier(function: ExpFunction(), format: format, implementation: impl).exhaustive()
        #expect(report.inputsChecked == 65536)
        #expect(report.misrounded == 1)
        #expect(report.worst?.x == HexFloat.format(planted))
        #expect(report.maxULP > 0.5 && report.maxULP < 1.5)
        #expect(report.specialFailures == 0)
        #expect(report.misroundedSamples.first?.x == HexFloat.format(planted))
    }

    @Test func aCorrectlyRoundedImplementationPasses() throws {
        let reference = CorrectlyRoundedReference(LogFunction())
        var table: [UInt64: Double] = [:]
        for bits in 0..<FloatFormat.binary16.encodingCount {
            let x = FloatFormat.binary16.decode(bits)
            table[x.bitPattern] = reference.value(at: x, in: .binary16)
        }
        let frozen = table
        let impl = Implementation(name: "table") { x in x.isNaN ? .nan : frozen[x.bitPattern]! }
        let report = try Verifier(function: LogFunction(), format: .binary16, implementation: impl).exhaustive()
        #expect(report.misrounded == 0)
        #expect(report.maxULP <= 0.5)
        #expect(report.histogram.map(\.count).reduce(0, +) == 65536)
    }

    /// A wrong special value is counted as a special-value failure.
    @Test func countsSpecialValueFailures() throws {
        let impl = Implementation(name: "bad-nan") { x in x.isNaN ? 0 : Double(Float16(expf(Float(x)))) }
        let report = try Verifier(function: ExpFunction(), format: .binary16, implementation: impl).exhaustive()
        #expect(report.specialFailures == 2 * 1023)  // every NaN encoding
        #expect(report.maxULP == .infinity)
    }

    /// Each binary32 filter decides exactly as MPFR does: same correctly
    /// rounded results, same errors to 1e-6 ULP, on random inputs and on
    /// glibc's worst cases.
    @Test(arguments: ["exp", "log"], [Binary32Filter.proven, .glibc])
    func binary32FilterAgreesWithMPFR(function: String, filter: Binary32Filter) throws {
        let fn = ReferenceFunctions.named(function)!
        let f32: @Sendable (Float) -> Float
        if function == "exp" { f32 = { expf($0) } } else { f32 = { logf($0) } }
        // Plant errors so that misrounding is exercised: every 97th input is off by one ulp.
        let impl = Implementation(name: "system+planted") { x in
            let y = Double(f32(Float(x)))
            return Float(x).bitPattern % 97 == 0 && y.isFinite ? Double(Float(y).nextUp) : y
        }
        var rng = SplitMix64(seed: 42)
        var inputs: [Double] = (0..<30_000).map { _ in Double(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
        inputs += [-0x1.ce651ep-8, 0x1.060106p+0, 88.72283935546875, -103.97207641601562, 0, 1, .infinity, -.infinity]
        inputs += [0x1.fffffep-1, 0x1.000002p+0, 0x1p-149, -0x1p-149, 128, -128, 0x1.000002p+7, -0x1.000002p+7]
        var fast = Verifier(function: fn, format: .binary32, implementation: impl)
        var slow = fast
        slow.filter = .none
        fast.filter = filter
        let a = fast.check(inputs: inputs), b = slow.check(inputs: inputs)
        #expect(a.decidedByFilter > 20_000)
        #expect(b.decidedByFilter == 0)
        #expect(a.misrounded == b.misrounded)
        #expect(a.misrounded > 100)
        #expect(a.maxULP == b.maxULP)  // the worst case is always measured by MPFR
        #expect(a.worst?.x == b.worst?.x)
        #expect(a.histogram == b.histogram)
        #expect(a.specialFailures == b.specialFailures)
        #expect(a.filter?.hasPrefix(filter == .proven ? "proven" : "trusted") == true)
        #expect(b.filter?.hasPrefix("none") == true)
    }

    /// Where errors rise monotonically (exp(x) = 1 for x below 2^-25: the
    /// error is |x|·2^24, above 1/4 ulp from 2^-26), the worst case is still
    /// MPFR's, to the last bit, and few inputs go to MPFR.
    @Test func worstCaseIsMPFRsOnMonotoneRuns() throws {
        let impl = Implementation(name: "system") { x in Double(expf(Float(x))) }
        var inputs: [Double] = []
        var x = Float(0x1p-27)
        while x < 0x1p-24 { inputs += [Double(x), -Double(x)]; x += x.ulp * 2048 }
        x = Float(0x1.8p-26)  // a dense run: consecutive inputs, errors 2^-25 ulp apart
        for _ in 0..<20_000 { inputs += [Double(x), -Double(x)]; x = x.nextUp }
        var proven = Verifier(function: ExpFunction(), format: .binary32, implementation: impl)
        var none = proven
        proven.filter = .proven
        none.filter = .none
        let a = proven.check(inputs: inputs), b = none.check(inputs: inputs)
        #expect(a.maxULP == b.maxULP && a.worst == b.worst)
        #expect(a.maxULP > 0.49)
        #expect(a.decidedByMPFR < UInt64(inputs.count / 100))
    }

    /// The linked MPFR is thread-safe (Debian builds it so), and the serial
    /// path the verifier takes when it is not gives the same report.
    @Test func serialPathGivesTheSameReport() throws {
        #expect(MPFR.isThreadSafe)
        let impl = Implementation(name: "system") { x in Double(Float16(logf(Float(x)))) }
        let v = Verifier(function: LogFunction(), format: .binary16, implementation: impl)
        var parallel = try v.exhaustive()
        MPFR.forceSerial = true
        defer { MPFR.forceSerial = false }
        let serial = try v.exhaustive()
        parallel.wallSeconds = serial.wallSeconds
        #expect(parallel == serial)
    }

    /// Shards of an exhaustive run merge into the unsharded report.
    @Test func shardsMergeIntoTheWholeRun() throws {
        let impl = Implementation(name: "system") { x in Double(Float16(logf(Float(x)))) }
        let v = Verifier(function: LogFunction(), format: .binary16, implementation: impl)
        let whole = try v.exhaustive()
        let parts = try (1...3).map { try v.exhaustive(shard: Shard(index: $0, count: 3)) }
        #expect(parts.map(\.inputsChecked).reduce(0, +) == 65536)
        var merged = try ULPReport.merge(parts)
        #expect(merged.shards.isEmpty)  // complete
        merged.wallSeconds = whole.wallSeconds
        #expect(merged.inputsChecked == whole.inputsChecked)
        #expect(merged.maxULP == whole.maxULP)
        #expect(merged.worst == whole.worst)
        #expect(merged.misrounded == whole.misrounded)
        #expect(merged.histogram == whole.histogram)
        #expect(merged.binades == whole.binades)
        #expect(whole.binades.map(\.count).reduce(0, +) == 65536)
        #expect(whole.binades.first?.inputs == "nan" && whole.binades.last?.inputs == "inf")
        // A shard twice is refused, and so are reports of different functions.
        #expect(throws: VerificationError.self) { try ULPReport.merge([parts[0], parts[0]]) }
        var other = parts[1]
        other.function = "exp"
        #expect(throws: VerificationError.self) { try ULPReport.merge([parts[0], other]) }
        // Reports that are not shards of one run are refused: a whole run
        // (alone, twice, or with a shard — each would count inputs twice),
        // shards of different splits, a sampled run, different filters.
        #expect(whole.shardProblem != nil && parts[0].shardProblem == nil)
        #expect(throws: VerificationError.self) { try ULPReport.merge([whole]) }
        #expect(throws: VerificationError.self) { try ULPReport.merge([whole, whole]) }
        #expect(throws: VerificationError.self) { try ULPReport.merge([parts[0], whole]) }
        let half = try v.exhaustive(shard: Shard(index: 2, count: 2))
        #expect(throws: VerificationError.self) { try ULPReport.merge([parts[0], half]) }
        var sampled = parts[1]
        sampled.method = "sampled"
        #expect(throws: VerificationError.self) { try ULPReport.merge([parts[0], sampled]) }
        var filtered = parts[1]
        filtered.filter = "trusted: something else"
        #expect(throws: VerificationError.self) { try ULPReport.merge([parts[0], filtered]) }
        // A partial merge lists its shards and merges on with the rest.
        let partial = try ULPReport.merge([parts[0], parts[1]])
        #expect(partial.shards == ["1/3", "2/3"])
        let complete = try ULPReport.merge([partial, parts[2]])
        #expect(complete.shards.isEmpty && complete.inputsChecked == 65536)
    }

    @Test func reportsRoundTripThroughJSON() throws {
        let impl = Implementation(name: "system") { x in Double(Float16(expf(Float(x)))) }
        let report = try Verifier(function: ExpFunction(), format: .binary16, implementation: impl).exhaustive()
        let decoded = try ULPReport.decode(try report.jsonData())
        #expect(decoded == report)
        #expect(report.markdown.contains("max "))
    }

    @Test func sampledRunsAreDeterministicAndCoverBinades() {
        let impl = Implementation(name: "system") { Glibc.log($0) }
        let v = Verifier(function: LogFunction(), format: .binary64, implementation: impl)
        let a = v.sampled(count: 3000, seed: 9), b = v.sampled(count: 3000, seed: 9)
        #expect(a.maxULP == b.maxULP && a.worst == b.worst && a.histogram == b.histogram)
        #expect(a.inputsChecked > 3000)
        #expect(a.maxULP < 1)  // glibc's log is within 1 ULP
        let inputs = SampleSet.inputs(for: LogFunction(), in: .binary64, count: 20_000, seed: 1)
        let exponents = Set(inputs.filter { $0 > 0 && $0.isFinite }.map { Int($0.exponent) })
        #expect(exponents.count > 1500)  // spread over the binades, subnormals included
        #expect(exponents.contains { $0 < -1022 })
    }
}
