import Foundation
import Glibc

/// A JSON value with ordered object keys, so the files the search writes
/// (specs, checkpoints, tables) are byte-for-byte reproducible and read in a
/// sensible order.
public indirect enum JSON: Equatable, Sendable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    public static func == (l: JSON, r: JSON) -> Bool { l.rendered() == r.rendered() }

    /// Pretty-printed text (two-space indent); small objects and arrays of
    /// scalars stay on one line.
    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .string(let s): return JSON.quote(s)
        case .number(let d):
            if d.isNaN || d.isInfinite { return JSON.quote(d.isNaN ? "nan" : (d < 0 ? "-inf" : "inf")) }
            if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
            return "\(d)"
        case .integer(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if isCompact { return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]" }
            return "[\n" + items.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            if isCompact {
                return "{ " + pairs.map { JSON.quote($0.0) + ": " + $0.1.rendered() }.joined(separator: ", ") + " }"
            }
            return "{\n" + pairs.map { inner + JSON.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + pad + "}"
        }
    }

    var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    var isCompact: Bool {
        switch self {
        case .array(let items): return items.count <= 16 && items.allSatisfy { $0.isScalar || $0.isCompactObject }
        case .object(let pairs): return pairs.count <= 5 && pairs.allSatisfy { p in
            if case .array(let a) = p.1 { return a.count <= 4 && a.allSatisfy(\.isScalar) }
            return p.1.isScalar
        }
        default: return true
        }
    }

    var isCompactObject: Bool {
        if case .object = self { return isCompact && rendered().count < 100 }
        return false
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }

    /// Parses JSON text into plain Foundation values (`[String: Any]`, …).
    public static func parse(_ data: Data, what: String) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw SpecFileError(file: what, "not valid JSON (\(error.localizedDescription))")
        }
    }

    /// Converts plain Foundation values back (object keys sorted, for
    /// recipes copied verbatim into specs).
    public static func from(_ value: Any) -> JSON {
        if let d = value as? [String: Any] {
            return .object(d.keys.sorted().map { ($0, from(d[$0]!)) })
        }
        if let a = value as? [Any] { return .array(a.map(from)) }
        if let s = value as? String { return .string(s) }
        if let n = value as? NSNumber {
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            let d = n.doubleValue
            if d == d.rounded(), abs(d) < 1e15, !String(describing: n).contains(".") { return .integer(Int(d)) }
            return .number(d)
        }
        return .null
    }
}

/// Writes `text` to `path` so that a killed run, or a crash of the machine,
/// leaves either the old file or the new one, never a partial file: see
/// `DurableFile`.
public func writeAtomically(_ text: String, to path: String) throws {
    try DurableFile.write(Data(text.utf8), to: path)
}

/// Durable, atomic file replacement (the one implementation; reports,
/// specs, checkpoints, tables and emitted kernels all use it).
///
/// The bytes go to a temporary file in the same directory, which is flushed
/// to disk (`fsync`) before a `rename` replaces the file; the directory is
/// flushed after the rename so the new name survives a crash. On an error
/// nothing is left behind and the message names the file and the system's
/// reason (`errno` read before any cleanup can change it).
public enum DurableFile {
    public static func write(_ data: Data, to path: String) throws {
        let staged = try stage(data, for: path)
        try commit([staged])
    }

    /// A file written and flushed under a temporary name, not yet in place.
    public struct Staged: Sendable {
        public var path: String
        public var temporary: String
    }

    /// Writes and flushes `data` to a temporary file beside `path`.
    public static func stage(_ data: Data, for path: String) throws -> Staged {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw SpecFileError(file: path, "cannot write: cannot create the folder \(dir.path)")
        }
        let temporary = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp").path
        func failure(_ what: String) -> SpecFileError {
            let code = errno  // read before any cleanup can change it
            unlink(temporary)
            return SpecFileError(file: path, "cannot write: \(what): \(String(cString: strerror(code)))")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create a temporary file") }
        var written = 0
        let ok: Bool = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            while written < buffer.count {
                let n = Glibc.write(fd, base + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        guard ok, fsync(fd) == 0 else { let e = failure("write/fsync failed"); close(fd); throw e }
        guard close(fd) == 0 else { throw failure("close failed") }
        return Staged(path: path, temporary: temporary)
    }

    /// Renames staged files into place, then flushes their directories.
    /// With several files the replacement is all or nothing: the old files
    /// are kept under a second name (a hard link) until every rename
    /// succeeded, and put back if one fails.
    public static func commit(_ staged: [Staged]) throws {
        let keep = staged.count > 1
        var backups: [String?] = []
        func restore(upTo count: Int) {
            for j in (0..<count).reversed() {
                if let b = backups[j] { rename(b, staged[j].path) } else { unlink(staged[j].path) }
            }
        }
        for s in staged {
            var backup: String? = nil
            if keep && access(s.path, F_OK) == 0 {
                let b = s.temporary + ".old"
                guard link(s.path, b) == 0 else {
                    let code = errno  // read before the cleanup
                    for b in backups.compactMap({ $0 }) { unlink(b) }
                    discard(staged)
                    throw SpecFileError(file: s.path, "cannot write: cannot keep the old file: \(String(cString: strerror(code)))")
                }
                backup = b
            }
            backups.append(backup)
        }
        for (i, s) in staged.enumerated() where rename(s.temporary, s.path) != 0 {
            let code = errno  // read before the cleanup
            restore(upTo: i)
            discard(Array(staged[i...]))
            for b in backups[i...].compactMap({ $0 }) { unlink(b) }
            throw SpecFileError(file: s.path, "cannot write: rename failed: \(String(cString: strerror(code)))")
        }
        for b in backups.compactMap({ $0 }) { unlink(b) }
        for dir in Set(staged.map { URL(fileURLWithPath: $0.path).deletingLastPathComponent().path }).sorted() {
            let dirFD = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dirFD >= 0 { _ = fsync(dirFD); close(dirFD) }
        }
    }

    /// Removes staged temporaries (after a failure elsewhere).
    public static func discard(_ staged: [Staged]) {
        for s in staged { unlink(s.temporary) }
    }

    /// Stages every file, then renames all of them: if any write fails,
    /// the temporaries are removed and no file is replaced.
    public static func writeAll(_ files: [(path: String, data: Data)]) throws {
        var staged: [Staged] = []
        do {
            for f in files { staged.append(try stage(f.data, for: f.path)) }
        } catch {
            discard(staged)
            throw error
        }
        try commit(staged)
    }
}
