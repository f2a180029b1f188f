import EvoMath
import EvoMathReference
@testable import EvoMathSearch
import Foundation
import Testing

/// The region-search family (`LogBesselRegionConfiguration`, `LogBesselRegionRecipe`): its seed "runtime" is the
/// runtime's hand-written `LogBessel.Regions`, the recipes are read strictly, scoring measures what it says.
@Suite struct LogBesselRegionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func recipe(_ format: String) throws -> LogBesselRegionRecipe {
        try LogBesselRegionRecipe.read(root.appendingPathComponent("Generators/logBessel/logBesselRegions.\(format).recipe.json").path)
    }

    /// The seed "runtime" evaluates to the binary64 runtime's results bit for bit, on a 61 × 200 grid (orders 0, integers,
    /// half-integers, 40 log-spaced in [1e-3, 1e4]; arguments 200 log-spaced in [1e-300, 1e6]) plus points beside
    /// every boundary of `LogBessel.Regions`. A change of the hand-written table that is not made in the recipe fails here.
    @Test func runtimeSeedIsTheRuntime() throws {
        let runtime = try #require(try Self.recipe("binary64").seeds.first { $0.name == "runtime" }).configuration
        var points = LogBesselPoints.grid(orders: 40, arguments: 200, in: .binary64)
        let edges: [Double] = [0.1, 0.5, 1, 2, 11, 13, 20, 25, 35]
        for a in edges {
            for b in edges {
                for (da, db) in [(0.0, 0.0), (-1e-9, 0), (0, -1e-9), (1e-9, 1e-9)] {
                    points.orders.append(a + da * a)
                    points.arguments.append(b + db * b)
                }
            }
        }
        var checked = 0
        for n in 0..<points.count {
            let (v, x) = (points.orders[n], points.arguments[n])
            let i = runtime.evaluate(.i, v, x).value
            let k = runtime.evaluate(.k, v, x).value
            #expect(i.bitPattern == Evolved.logBesselI(order: v, x).bitPattern, "log I at v = \(v), x = \(x)")
            #expect(k.bitPattern == Evolved.logBesselK(order: v, x).bitPattern, "log K at v = \(v), x = \(x)")
            checked += 1
        }
        #expect(checked > 12_000)
    }

    /// The generated dispatch (Sources/EvoMath/LogBessel/Regions.generated.swift) is what `evomath emit-regions`
    /// writes from the shipped region specs.
    @Test func generatedRegionsAreCurrent() throws {
        let text = try LogBesselRegionEmitter.source(root: Self.root.path)
        let current = try String(contentsOfFile: Self.root.path + "/" + LogBesselRegionEmitter.outputPath, encoding: .utf8)
        #expect(text == current, "\(LogBesselRegionEmitter.outputPath) is stale: run `evomath emit-regions`")
    }

    /// The binary32 runtime computes what the binary32 search scored: `Evolved.logBesselI/K(Float)` equal the
    /// found configuration's results rounded to Float, bit for bit, on a 61 × 200 binary32 grid.
    @Test func binary32RuntimeIsTheFoundConfiguration() throws {
        let path = Self.root.path + "/" + LogBesselRegionEmitter.specPath("binary32")
        let spec = try JSONDecoder().decode(LogBesselRegionSpec.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        let found = try #require(spec.found).configuration
        let points = LogBesselPoints.grid(orders: 40, arguments: 200, in: .binary32)
        for n in 0..<points.count {
            let (v, x) = (points.orders[n], points.arguments[n])
            #expect(Float(found.evaluate(.i, v, x).value).bitPattern == Evolved.logBesselI(order: Float(v), Float(x)).bitPattern,
                    "log I at v = \(v), x = \(x)")
            #expect(Float(found.evaluate(.k, v, x).value).bitPattern == Evolved.logBesselK(order: Float(v), Float(x)).bitPattern,
                    "log K at v = \(v), x = \(x)")
        }
        #expect(points.count > 7_000)
    }

    /// Rules are first-match; a fixed Hankel count runs exactly that many terms; the counted cost grows with terms.
    @Test func rulesAndCounts() {
        let c = LogBesselRegionConfiguration(
            tolerance: 0x1p-56, temmeSeriesMaxX: 0.5, hankelMaxTerms: 40,
            i: [.init(.hankel, xAtLeast: 100, terms: 3), .init(.hankel, xAtLeast: 50, terms: 20), .init(.series)],
            k: [.init(.debye, terms: 4)])
        #expect(c.problem() == nil)
        let three = LogBessel.hankelCounted(2, 200, isK: false, maxTerms: 3, tolerance: 0)
        #expect(three.terms == 3)
        #expect(c.evaluate(.i, 2, 200).value.bitPattern == three.value.bitPattern)
        #expect(c.evaluate(.i, 2, 60).cost == LogBesselCostModel.hankel(terms: 20))
        #expect(c.evaluate(.i, 2, 1).value.bitPattern == LogBessel.seriesICounted(2, 1).value.bitPattern)
        #expect(c.evaluate(.k, 50, 3).cost == LogBesselCostModel.debye(terms: 4))
        var bad = c
        bad.i = [.init(.temme)]
        #expect(bad.problem() != nil)
        bad = c
        bad.k = [.init(.debye, vAtLeast: 3)]
        #expect(bad.problem() != nil)
        bad = c
        bad.k = [.init(.debye, terms: 17)]
        #expect(bad.problem() != nil)
    }

    /// A recipe with an unknown key is refused with a message naming the file and the key.
    @Test func recipeRefusesUnknownKeys() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("regions-\(UInt64.random(in: 0...UInt64.max)).json").path
        let good = try String(contentsOf: Self.root.appendingPathComponent("Generators/logBessel/logBesselRegions.binary64.recipe.json"), encoding: .utf8)
        try good.replacingOccurrences(of: "\"maxRules\"", with: "\"maxRulez\"").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SearchError.self) { try LogBesselRegionRecipe.read(path) }
        do { _ = try LogBesselRegionRecipe.read(path) } catch {
            #expect("\(error)".contains(path) && "\(error)".contains("maxRulez"))
        }
        _ = try Self.recipe("binary32")
    }

    /// Scoring against a hand-made ground truth: the error is |y − L| / (ε max(1, |L|)) and the worst point is named.
    @Test func scoreMeasuresTheMetric() {
        let c = LogBesselRegionConfiguration(tolerance: 0x1p-56, temmeSeriesMaxX: 0.5, hankelMaxTerms: 40,
                                             i: [.init(.series)], k: [.init(.debye)])
        let y = c.evaluate(.i, 1, 1).value
        let eps = 0x1p-52
        // L chosen 3 eps below y at |L| < 1, and 2 eps · |L| below y elsewhere
        let grid = LogBesselRegionGrid(kind: .i, format: .binary64, orders: [1, 1], arguments: [1, 1],
                                       exactHigh: [y - 3 * eps, y], exactLow: [0, 0], description: "test")
        let s = grid.score(c, threads: 1)
        #expect(abs(s.maxError - 3) < 1e-9)
        #expect(s.points == 2 && s.failures == 0)
    }
}
