import EvoMathSpec

public enum SearchError: Error, CustomStringConvertible {
    case invalid(String)
    case checkpoint(String)
    public var description: String {
        switch self {
        case .invalid(let m): return m
        case .checkpoint(let m): return m
        }
    }
}
