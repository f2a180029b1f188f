/// The arithmetic a program is evaluated in.
public enum EvaluationType: String, Codable, Sendable {
    /// Float: every operation rounds to binary32.
    case binary32
    /// Double: every operation rounds to binary64.
    case binary64
    /// Double-double (about 106 bits): rounding does not limit the error of
    /// the approximations the search finds, so it measures the search itself.
    case real

    public init?(named text: String) {
        switch text.lowercased() {
        case "binary32", "float", "float32": self = .binary32
        case "binary64", "double", "float64": self = .binary64
        case "real", "reals", "double-double": self = .real
        default: return nil
        }
    }

    /// Rounds a constant to the type (the value the emitted literal has).
    public func round(_ v: Double) -> Double {
        self == .binary32 ? Double(Float(v)) : v
    }
}
