// libFuzzer harness: the spec reader (`SpecReader.decode(SpecFile.self, …)`,
// the one reader of `evomath emit`, `evomath verify --spec` and the tests),
// and what those do with an accepted spec: the emitter's source
// (`Emitter.source`) and the complete function the verifier evaluates
// (`CompleteExp`/`CompleteLog(spec:path:)`, evaluated on a few inputs).
//
// Properties, on any bytes:
// - nothing traps (no crash, no sanitizer report);
// - a refused spec's message names the file.
// A violation aborts, so libFuzzer records the input as a crash.
//
// Seeds: Generators/*.json; dictionary: Fuzz/json.dict.
// Build and run: Scripts/fuzz run spec SECONDS
import EvoMathEmitter
import EvoMathSearch
import EvoMathSpec
import Foundation

let file = "fuzz-input.spec.json"

func refused(_ error: any Error) {
    let message = "\(error)"
    if !message.contains(file) {
        fputs("spec fuzz: a refused spec's message does not name the file: \(message)\n", stderr)
        abort()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func specFuzzTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let spec: SpecFile
    do {
        spec = try SpecReader.decode(SpecFile.self, from: bytes, file: file)
    } catch {
        refused(error)
        return 0
    }
    do { _ = try Emitter.source(spec, specPath: file) } catch { refused(error) }
    // Values of every format (binary16, bfloat16, binary32).
    let inputs: [Double] = [-10, -0.75, -0x1p-12, 0, 0x1p-12, 0.5, 1, 1.5, 10, .nan, .infinity, -.infinity]
    switch spec.function {
    case "exp":
        do {
            let f = try CompleteExp(spec: spec, path: file)
            for x in inputs { _ = f.evaluate(x) }
        } catch { refused(error) }
    case "log":
        do {
            let f = try CompleteLog(spec: spec, path: file)
            for x in inputs { _ = f.evaluate(x) }
        } catch { refused(error) }
    default: break
    }
    return 0
}
