import EvoMathSpec

public enum SearchError: Error, CustomStringConvertible {
    case invalid(String)
    case checkpoint(String)
    /// The search finished but its result fails the recipe's requirement.
    case failed(String)
    public var description: String {
        switch self {
        case .invalid(let m): return m
        case .checkpoint(let m): return m
        case .failed(let m): return m
        }
    }
}
