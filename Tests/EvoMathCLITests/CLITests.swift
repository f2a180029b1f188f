import EvoMathReference
import Foundation
import Testing

/// Runs the built `evomath` executable as a user would.
struct Tool {
    static var url: URL {
        // The test bundle and the tool are built into the same directory.
        let dir = Bundle.main.bundleURL
        for candidate in [dir.appendingPathComponent("evomath"), dir.deletingLastPathComponent().appendingPathComponent("evomath")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return dir.appendingPathComponent("evomath")
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], input: String = "", in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let d = directory { process.currentDirectoryURL = d }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("evomath-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct CLITests {
    @Test func evalPrintsCorrectlyRoundedReferenceValues() throws {
        let r = try Tool.run(["eval", "exp", "--type", "binary32", "--impl", "reference"],
                             input: "0x1p0 -0x1.ce651ep-8\n0 -inf\tnan\n0x1.62e42ep+6 0x1.62e43p+6\n")
        #expect(r.status == 0)
        #expect(r.stdout == "0x1.5bf0a8p+1\n0x1.fc6676p-1\n0x1p+0\n0x0p+0\nnan\n0x1.ffff08p+127\ninf\n")
    }

    @Test func evalLogInBinary64AndBinary16() throws {
        let r = try Tool.run(["eval", "log", "--type", "double", "--impl", "reference"], input: "0x1.ac50b409c8aeep+8 1 -1 0\n")
        #expect(r.stdout == "0x1.83d4bcdebb3f4p+2\n0x0p+0\nnan\n-inf\n")
        let h = try Tool.run(["eval", "log", "--type", "binary16", "--impl", "system"], input: "0x1p+1\n")
        #expect(h.status == 0 && h.stdout == "0x1.63p-1\n")
    }

    @Test func evalLogBesselReadsPairs() throws {
        let input = "0x1p-1 0x1p0\n0 0\n0x1.4p+1 0x1.4p+3\n"
        let ref = try Tool.run(["eval", "logBesselK", "--type", "binary64", "--impl", "reference"], input: input)
        let ours = try Tool.run(["eval", "logBesselK", "--type", "binary64"], input: input)
        #expect(ref.status == 0 && ours.status == 0)
        let r = ref.stdout.split(separator: "\n").compactMap { HexFloat.parse($0) }
        let o = ours.stdout.split(separator: "\n").compactMap { HexFloat.parse($0) }
        try #require(r.count == 3 && o.count == 3)
        #expect(r[1] == .infinity && o[1] == .infinity)  // K_v(0) = +inf
        // log K_{1/2}(1) = log(pi/2)/2 - 1 (closed form)
        #expect(abs(r[0] - (Foundation.log(Double.pi / 2) / 2 - 1)) < 1e-15)
        for k in [0, 2] { #expect(abs(o[k] - r[k]) <= 4 * 0x1p-52 * max(1, abs(r[k]))) }
        let single = try Tool.run(["eval", "logBesselI", "--type", "binary32"], input: "0 0 0x1p0 0")
        #expect(single.status == 0 && single.stdout == "0x0p+0\n-inf\n")
        let odd = try Tool.run(["eval", "logBesselI", "--type", "binary64"], input: "1 2 3")
        #expect(odd.status != 0 && odd.stdout.isEmpty && odd.stderr.contains("odd number"))
        let half = try Tool.run(["eval", "logBesselI", "--type", "binary16"], input: "1 2")
        #expect(half.status != 0 && half.stderr.contains("binary64 and binary32"))
        let verify = try Tool.run(["verify", "logBesselI", "--type", "binary16"])
        #expect(verify.status == 64 && verify.stderr.contains("binary64 and binary32"))
    }

    /// `verify logBesselI|logBesselK` on a tiny grid (23 orders × 4 arguments) plus random pairs: the report
    /// files, the CSV, a bound that holds, one that cannot (the check can fail), the reference measured
    /// against itself (≤ 1/2: it is correctly rounded), and bad arguments.
    @Test func verifyLogBesselOnATinyGrid() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("k.json").path, csv = dir.appendingPathComponent("k.csv").path
        let report = dir.appendingPathComponent("k.md").path
        let r = try Tool.run(["verify", "logBesselK", "--type", "binary64", "--grid", "2x4", "--no-spots", "--boost", "none",
                              "--samples", "5", "--seed", "7", "--threads", "1", "--max-error", "4",
                              "--json", json, "--csv", csv, "--report", report])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("PASS"))
        let k = try LogBesselReport.decode(Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(k.function == "logBesselK" && k.format == "binary64" && k.sets.map(\.name) == ["grid", "samples"])
        // 21 integer and half-integer orders (0 included) and 2 log-spaced ones (1e-3 and 1e4 as computed) × 4 arguments.
        let gridPoints = k.sets[0].points
        #expect((22 * 4...23 * 4).contains(gridPoints) && k.points == gridPoints + 5)
        #expect(k.nonFinite == 0 && k.maxError <= 4 && k.maxError > 0)
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(UInt64(rows.count) == 1 + k.points && rows[0] == "set,v,x,got,exact_high,exact_low,error")
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("| grid | \(gridPoints) |"))

        // (No spot checks here: the ground truth at the largest orders takes about half a minute for them in a debug build.)
        let strict = try Tool.run(["verify", "logBesselI", "--type", "binary32", "--grid", "1x8", "--no-spots", "--boost", "none",
                                   "--max-error", "0"])
        #expect(strict.status == 1 && strict.stdout.contains("FAIL: max error"))
        let itself = try Tool.run(["verify", "logBesselI", "--type", "binary64", "--impl", "reference", "--grid", "1x5",
                                   "--no-spots", "--boost", "none", "--max-error", "0.5"])
        #expect(itself.status == 0 && itself.stdout.contains("PASS"), "\(itself.stdout)")

        for args in [["--grid", "0x5"], ["--grid", "5"], ["--exhaustive"], ["--max-ulp", "1"], ["--x-min", "0"],
                     ["--x-min", "1e-50", "--type", "binary32"], ["--threads", "0"]] {
            let bad = try Tool.run(["verify", "logBesselI", "--type", "binary64"] + args)
            #expect(bad.status == 64, "\(args): \(bad.stderr)")
        }
        let notBessel = try Tool.run(["verify", "exp", "--type", "binary16", "--grid", "2x2"])
        #expect(notBessel.status == 64 && notBessel.stderr.contains("logBesselI and logBesselK only"))
        let odd = dir.appendingPathComponent("odd.txt").path
        try "1 2\n3\n".write(toFile: odd, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("odd.md").path
        let oddRun = try Tool.run(["verify", "logBesselI", "--type", "binary64", "--grid", "none", "--no-spots", "--boost", "none",
                                   "--points", odd, "--report", out])
        #expect(oddRun.status == 1 && oddRun.stderr.contains(odd) && oddRun.stderr.contains("odd number"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func evalRejectsMalformedInputWithItsLineAndPrintsNothing() throws {
        let r = try Tool.run(["eval", "exp", "--type", "binary32", "--impl", "system"], input: "0x1p0\n0x1p1\n0x1.zzp3\n")
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("line 3"))
        let notInFormat = try Tool.run(["eval", "exp", "--type", "binary16", "--impl", "system"], input: "0x1.0001p0")
        #expect(notInFormat.status != 0 && notInFormat.stderr.contains("not a binary16 value"))
    }

    @Test func unknownFunctionFormatOrImplementationIsAUsageError() throws {
        for args in [["eval", "sin", "--type", "binary32"], ["eval", "exp", "--type", "binary33"],
                     ["eval", "exp", "--type", "binary32", "--impl", "magic"],
                     ["verify", "exp", "--type", "binary16", "--shard", "5/4"],
                     ["verify", "exp", "--type", "binary16", "--samples", "0"],
                     ["verify", "exp", "--type", "binary64", "--exhaustive"],
                     ["verify", "exp", "--type", "binary64", "--shard", "1/2"]] {
            let r = try Tool.run(args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains("Error"), "\(args)")
        }
        let missingFile = try Tool.run(["eval", "exp", "--type", "binary32", "--impl", "system", "--input", "/nonexistent/file"])
        #expect(missingFile.status == 1 && missingFile.stderr.contains("cannot read"))
    }

    @Test func verifyWritesReportsAndMergesShards() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var shardFiles: [String] = []
        for i in 1...2 {
            let file = dir.appendingPathComponent("part\(i).json").path
            let r = try Tool.run(["verify", "log", "--type", "binary16", "--impl", "system", "--shard", "\(i)/2", "--json", file])
            #expect(r.status == 0, "\(r.stderr)")
            shardFiles.append(file)
        }
        let whole = try Tool.run(["verify", "log", "--type", "binary16", "--impl", "system", "--tables", dir.path])
        #expect(whole.status == 0)
        #expect(whole.stdout.contains("65536 inputs"))
        let merged = try Tool.run(["merge"] + shardFiles + ["--json", dir.appendingPathComponent("merged.json").path])
        #expect(merged.status == 0, "\(merged.stderr)")
        let a = try ULPReport.decode(Data(contentsOf: dir.appendingPathComponent("merged.json")))
        let b = try ULPReport.decode(Data(contentsOf: dir.appendingPathComponent("log.binary16.system.json")))
        #expect(a.inputsChecked == b.inputsChecked && a.misrounded == b.misrounded && a.worst == b.worst)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("log.binary16.system.md").path))
        // A whole run is not a shard: merging it (with itself, or with a
        // shard) would count inputs twice, and is refused, naming the file;
        // nothing is written.
        let wholeFile = dir.appendingPathComponent("log.binary16.system.json").path
        let out = dir.appendingPathComponent("refused.json").path
        for files in [[wholeFile, wholeFile], [wholeFile], [shardFiles[0], wholeFile]] {
            let refused = try Tool.run(["merge"] + files + ["--json", out])
            #expect(refused.status == 1, "\(files): \(refused.stdout)")
            #expect(refused.stderr.contains("cannot merge '\(wholeFile)'") && refused.stderr.contains("not a shard"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        let twice = try Tool.run(["merge", shardFiles[0], shardFiles[0], "--json", out])
        #expect(twice.status == 1 && twice.stderr.contains("appears twice"), "\(twice.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // Report regenerates the pages and the index.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("log.binary16.system.md"))
        let report = try Tool.run(["report", "--tables", dir.path])
        #expect(report.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("log.binary16.system.md").path))
        #expect(try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8).contains("log | binary16 | system"))
    }

    @Test func verifyRequirementsSetTheExitStatus() throws {
        let pass = try Tool.run(["verify", "exp", "--type", "bfloat16", "--impl", "reference", "--correctly-rounded"])
        #expect(pass.status == 0 && pass.stdout.contains("PASS"))
        let fail = try Tool.run(["verify", "exp", "--type", "binary16", "--impl", "system", "--correctly-rounded"])
        #expect(fail.status == 1 && fail.stdout.contains("FAIL"))
    }

    @Test func verifySampledBinary64UsesHardCases() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let r = try Tool.run(["verify", "exp", "--type", "binary64", "--impl", "system", "--samples", "2000"], in: root)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("sampled"))
        let bad = try Tool.run(["verify", "exp", "--type", "binary64", "--impl", "system", "--samples", "10", "--hard-cases", "/nonexistent"])
        #expect(bad.status != 0 && bad.stderr.contains("cannot read"))
    }
}

@Suite struct SpecVerificationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A search result is verified from its spec, without being compiled.
    @Test func verifiesASpecExhaustively() throws {
        let spec = Self.root.appendingPathComponent("Generators/exp.binary16.correctlyRounded.json").path
        let r = try Tool.run(["verify", "exp", "--type", "binary16", "--spec", spec, "--correctly-rounded"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("exp binary16 spec: exhaustive, 65536 inputs"))
        #expect(r.stdout.contains("PASS"))
        let wrongFormat = try Tool.run(["verify", "exp", "--type", "bfloat16", "--spec", spec])
        #expect(wrongFormat.status == 1 && wrongFormat.stderr.contains("not exp in bfloat16"))
        let missing = try Tool.run(["verify", "exp", "--type", "binary16", "--spec", "/nonexistent.json"])
        #expect(missing.status == 1 && missing.stderr.contains("cannot read"))
    }

    /// A log spec (`log-split`) is verified the same way; an exp spec is
    /// refused for log.
    @Test func verifiesALogSpecExhaustively() throws {
        let spec = Self.root.appendingPathComponent("Generators/log.bfloat16.correctlyRounded.json").path
        let r = try Tool.run(["verify", "log", "--type", "bfloat16", "--spec", spec, "--correctly-rounded"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("log bfloat16 spec: exhaustive, 65536 inputs"))
        #expect(r.stdout.contains("PASS"))
        let wrongFormat = try Tool.run(["verify", "log", "--type", "binary16", "--spec", spec])
        #expect(wrongFormat.status == 1 && wrongFormat.stderr.contains("not log in binary16"))
        let expSpec = Self.root.appendingPathComponent("Generators/exp.bfloat16.correctlyRounded.json").path
        let wrongFunction = try Tool.run(["verify", "log", "--type", "bfloat16", "--spec", expSpec])
        #expect(wrongFunction.status == 1 && wrongFunction.stderr.contains("not a log spec"))
    }
}

/// `evomath search --island/--finish` on bad input: a clear message naming the file, a non-zero exit, no spec.
@Suite struct DistributedSearchCLITests {
    let recipe = """
    { "name": "exp2.tiny", "function": "exp2", "format": "real", "tier": "minimax", "domain": [0, 1],
      "evaluation": { "type": "binary64" }, "operations": ["add", "mul", "fma"], "cost": { "add": 1, "mul": 1, "fma": 2 },
      "budget": { "islands": 2, "populationPerIsland": 12, "generations": 4, "maxCost": 6, "samples": 64, "migrationInterval": 2 } }
    """

    @Test func finishWithoutIslandStatesOrWithACorruptOneFailsNamingTheFile() throws {
        let dir = try temporaryDirectory()
        try recipe.write(to: dir.appendingPathComponent("recipe.json"), atomically: true, encoding: .utf8)
        let exchange = dir.appendingPathComponent("exchange").path
        let finish = ["search", "--recipe", "recipe.json", "--finish", "--of", "2", "--exchange", exchange, "--output", "spec.json"]
        let missing = try Tool.run(finish, in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains(exchange + "/island-0.json") && missing.stderr.contains("no state"), "\(missing.stderr)")
        try FileManager.default.createDirectory(atPath: exchange, withIntermediateDirectories: true)
        try "{\"kind\": \"evomath-island-checkpoint\"".write(toFile: exchange + "/island-0.json", atomically: true, encoding: .utf8)
        let corrupt = try Tool.run(finish, in: dir)
        #expect(corrupt.status == 1)
        #expect(corrupt.stderr.contains(exchange + "/island-0.json") && corrupt.stderr.contains("corrupt island state"), "\(corrupt.stderr)")
        let island = try Tool.run(["search", "--recipe", "recipe.json", "--island", "0", "--of", "2", "--exchange", exchange], in: dir)
        #expect(island.status == 1 && island.stderr.contains("corrupt island state"), "\(island.stderr)")
        let badCount = try Tool.run(["search", "--recipe", "recipe.json", "--island", "0", "--of", "3", "--exchange", exchange], in: dir)
        #expect(badCount.status == 1 && badCount.stderr.contains("has 2 islands"), "\(badCount.stderr)")
        let badIndex = try Tool.run(["search", "--recipe", "recipe.json", "--island", "2", "--of", "2", "--exchange", exchange], in: dir)
        #expect(badIndex.status == 64 && badIndex.stderr.contains("--island 2"), "\(badIndex.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("spec.json").path))
    }
}
