import EvoMathSpec
import Foundation
import Testing

@Suite struct SpecFileTests {
    static var specPaths: [String] {
        let dir = root.appendingPathComponent("Generators").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
            .map { dir + "/" + $0 }
    }

    /// Every shipped spec reads, with tables of 2^T entries and the program
    /// its expression describes.
    @Test func shippedSpecsRead() throws {
        #expect(Self.specPaths.count >= 8)
        for path in Self.specPaths {
            let spec = try SpecFile.read(at: path)
            #expect(spec.program.description == spec.expression, "\(path)")
            #expect(spec.recipe.function == spec.function)
            if case .expTable(let r) = spec.reduction { #expect(r.table.count == 1 << r.tableBits) }
            if case .logSplit(let r) = spec.reduction { #expect(r.invc.count == 1 << r.tableBits) }
            #expect(spec.exceptions?.count ?? 0 == spec.exceptionList.count)
        }
    }

    /// A spec with one key changed, as JSON text.
    static func edited(_ path: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
        var o = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        edit(&o)
        return String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self)
    }

    static var expSpec: String { root.appendingPathComponent("Generators/exp.binary16.correctlyRounded.json").path }
    static var logSpec: String { root.appendingPathComponent("Generators/log.binary16.correctlyRounded.json").path }

    @Test func faultsNameTheKeyPath() throws {
        func error(_ path: String, _ edit: (inout [String: Any]) -> Void) throws -> SpecFileError? {
            readError(SpecFile.self, try Self.edited(path, edit), file: "spec.json")
        }
        // A typo anywhere, including the recipe copied into the spec.
        #expect(try error(Self.expSpec) { $0["kernelEror"] = "1e-3" }?.keyPath == "kernelEror")
        #expect(try error(Self.expSpec) {
            var r = $0["recipe"] as! [String: Any]; r["budjet"] = [:]; $0["recipe"] = r
        }?.keyPath == "recipe.budjet")
        // The reduction's keys are those of its family.
        #expect(try error(Self.expSpec) {
            var r = $0["reduction"] as! [String: Any]; r["invc"] = ["0x1p+0"]; $0["reduction"] = r
        }?.keyPath == "reduction.invc")
        #expect(try error(Self.expSpec) {
            var r = $0["reduction"] as! [String: Any]; r["table"] = ["0x1p+0"]; $0["reduction"] = r
        }?.keyPath == "reduction.table")
        #expect(try error(Self.expSpec) {
            var r = $0["reduction"] as! [String: Any]; r["tableBits"] = 40; $0["reduction"] = r
        }?.keyPath == "reduction.tableBits")
        #expect(try error(Self.logSpec) {
            var r = $0["reduction"] as! [String: Any]; r["logcLow"] = nil; $0["reduction"] = r
        }?.keyPath == "reduction.logcLow")
        #expect(try error(Self.expSpec) {
            var r = $0["reduction"] as! [String: Any]; r["family"] = "exp-tabel"; $0["reduction"] = r
        }?.keyPath == "reduction.family")
        // The program: no instructions, operands pointing forward, a bad constant.
        #expect(try error(Self.expSpec) { $0["program"] = ["inputs": ["r"], "instructions": [], "output": 0] }?
            .keyPath == "program.instructions")
        #expect(try error(Self.expSpec) { $0["program"] = ["inputs": [], "instructions": [], "output": -1] }?
            .keyPath == "program.inputs")
        #expect(try error(Self.expSpec) {
            $0["program"] = ["inputs": ["r"], "instructions": [["op": "input", "name": "r"], ["op": "mul", "args": [0, 1]]], "output": 1]
        }?.keyPath == "program.instructions[1].args")
        #expect(try error(Self.expSpec) {
            $0["program"] = ["inputs": ["r"], "instructions": [["op": "input", "name": "r"], ["op": "const", "value": "0x1.gp0"]], "output": 1]
        }?.keyPath == "program.instructions[1].value")
        #expect(try error(Self.expSpec) {
            $0["program"] = ["inputs": ["r"], "instructions": [["op": "input", "name": "r"], ["op": "pow", "args": [0, 0]]], "output": 1]
        }?.keyPath == "program.instructions[1].op")
        // Exceptions must be counted right; the recipe must fit the spec.
        #expect(try error(Self.expSpec) {
            $0["exceptions"] = ["count": 2, "note": "", "inputs": [["x": "0x1p+0", "y": "0x1p+1"]]]
        }?.keyPath == "exceptions.count")
        #expect(try error(Self.expSpec) {
            var r = $0["recipe"] as! [String: Any]
            r["kernel"] = ["approximates": "expm1(r)", "error": "relative"]
            $0["recipe"] = r
        }?.keyPath == "recipe")
    }
}
