import Foundation

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

/// Writes `text` to `path` atomically: a temporary file in the same folder,
/// then a rename, so a reader never sees a partial file.
public func writeAtomically(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    try Data(text.utf8).write(to: tmp)
    if rename(tmp.path, url.path) != 0 {
        try? FileManager.default.removeItem(at: tmp)
        throw SpecFileError(file: path, "cannot write: \(String(cString: strerror(errno)))")
    }
}
