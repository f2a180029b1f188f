// Programs, recipes and specs (the data model) are EvoMathSpec's; every user
// of the engine sees them.
@_exported import EvoMathSpec

/// The program-search engine (see shared/DESIGN.md, "The search engine").
public enum EvoMathSearch {
    /// The engine's version, recorded in every spec it writes.
    public static let engineVersion = "0.1.0"
}
