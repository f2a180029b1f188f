import Foundation

/// A recipe or spec file that cannot be used: the file, the key path of the
/// fault (`budget.islands`, `program.instructions[3].args`) and what was
/// expected there.
public struct SpecFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    /// Dotted keys and `[index]`es from the top of the file; empty for the
    /// file as a whole.
    public var keyPath: String
    public var message: String

    public init(file: String, keyPath: String = "", _ message: String) {
        self.file = file; self.keyPath = keyPath; self.message = message
    }

    public var description: String {
        keyPath.isEmpty ? "\(file): \(message)" : "\(file): at \(keyPath): \(message)"
    }

    /// `codingPath` as the key path of this error.
    public static func keyPath(_ codingPath: [any CodingKey]) -> String {
        var s = ""
        for k in codingPath {
            if let i = k.intValue {
                s += "[\(i)]"
            } else {
                s += (s.isEmpty ? "" : ".") + k.stringValue
            }
        }
        return s
    }

    public init(file: String, _ error: DecodingError) {
        func expected(_ type: Any.Type) -> String {
            switch type {
            case is String.Type: return "a string"
            case is Bool.Type: return "true or false"
            case is Int.Type, is UInt64.Type, is UInt32.Type: return "an integer"
            case is Double.Type, is Float.Type: return "a number"
            default:
                let name = String(describing: type)
                if name.hasPrefix("Array") { return "an array" }
                if name.hasPrefix("Dictionary") || name.contains("Keyed") { return "an object" }
                return "a value of type \(name)"
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            self.init(file: file, keyPath: Self.keyPath(context.codingPath), "expected \(expected(type))")
        case .valueNotFound(let type, let context):
            self.init(file: file, keyPath: Self.keyPath(context.codingPath), "expected \(expected(type)), found null")
        case .keyNotFound(let key, let context):
            self.init(file: file, keyPath: Self.keyPath(context.codingPath + [key]), "missing (this key is required)")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, let underlying = context.underlyingError {
                self.init(file: file, "not valid JSON (\(underlying.localizedDescription))")
            } else if context.codingPath.isEmpty {
                self.init(file: file, "not valid JSON (\(context.debugDescription))")
            } else {
                self.init(file: file, keyPath: Self.keyPath(context.codingPath), context.debugDescription)
            }
        @unknown default:
            self.init(file: file, "\(error)")
        }
    }
}

/// The one reader of recipes and specs (the search, the emitter, the
/// verifier's `--spec` and the tests use it): JSON decoded into typed values,
/// unknown keys refused, faults reported as `SpecFileError`s.
public enum SpecReader {
    /// Decodes `data` (the contents of `file`, named in errors).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw SpecFileError(file: file, error)
        }
    }

    /// Reads and decodes the file at `path`.
    public static func read<T: Decodable>(_ type: T.Type, at path: String) throws -> T {
        try decode(type, from: try contents(of: path), file: path)
    }

    /// The bytes of the file at `path`, or an error naming it.
    public static func contents(of path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw SpecFileError(file: path, "cannot read (no such file)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw SpecFileError(file: path, "cannot read") }
        return data
    }
}

/// Any key, to list the keys an object has.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Refuses keys that `Keys` does not list: a typo must not be silently
    /// ignored (an unread key would leave a default in its place).
    public func refuseUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let known = Set(Keys.allCases.map(\.stringValue))
        let c = try container(keyedBy: AnyKey.self)
        if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [AnyKey(stringValue: unknown)],
                debugDescription: "unknown key (expected one of: \(Keys.allCases.map(\.stringValue).joined(separator: ", ")))"))
        }
    }
}

extension KeyedDecodingContainer {
    /// One of a fixed set of names, with the set in the error.
    public func decodeChoice<T: RawRepresentable & CaseIterable>(_ type: T.Type, forKey key: Key) throws -> T
    where T.RawValue == String {
        let text = try decode(String.self, forKey: key)
        guard let value = T(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "'\(text)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    public func decodeChoiceIfPresent<T: RawRepresentable & CaseIterable>(_ type: T.Type, forKey key: Key) throws -> T?
    where T.RawValue == String {
        contains(key) ? try decodeChoice(type, forKey: key) : nil
    }

    /// An integer in `range`.
    public func decode(_ type: Int.Type, forKey key: Key, in range: ClosedRange<Int>) throws -> Int {
        let v = try decode(Int.self, forKey: key)
        guard range.contains(v) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an integer in \(range.lowerBound)...\(range.upperBound), found \(v)")
        }
        return v
    }

    public func decodeIfPresent(_ type: Int.Type, forKey key: Key, in range: ClosedRange<Int>) throws -> Int? {
        contains(key) ? try decode(Int.self, forKey: key, in: range) : nil
    }

    /// A finite number > 0.
    public func decodePositiveIfPresent(forKey key: Key) throws -> Double? {
        guard contains(key) else { return nil }
        let v = try decode(Double.self, forKey: key)
        guard v > 0, v.isFinite else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a finite number > 0")
        }
        return v
    }

    /// Refuses a NaN or infinite constant among `values` (read from `key`).
    public func requireFinite(_ values: [HexNumber], forKey key: Key) throws {
        if let i = values.firstIndex(where: { !$0.value.isFinite }) {
            throw invalid(key, "expected finite constants, found \(HexFloat.format(values[i].value))" + (values.count > 1 ? " at [\(i)]" : ""))
        }
    }

    /// A fault at `key` that the types alone do not catch.
    public func invalid(_ key: Key, _ message: String) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: message)
    }
}

/// A number written as a hex float string (`"0x1.8p-3"`), as specs store
/// every constant so that it is exact; decimals and plain JSON numbers are
/// read too (a recipe's `domain`).
public struct HexNumber: Codable, Equatable, Sendable {
    public var value: Double
    public init(_ value: Double) { self.value = value }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) { value = d; return }
        guard let text = try? c.decode(String.self) else {
            throw DecodingError.typeMismatch(Double.self, .init(codingPath: decoder.codingPath,
                                                                debugDescription: "expected a hex float"))
        }
        guard let v = HexFloat.parse(Substring(text)) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a hex float such as 0x1.8p-3, found '\(text)'")
        }
        value = v
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(HexFloat.format(value))
    }
}
