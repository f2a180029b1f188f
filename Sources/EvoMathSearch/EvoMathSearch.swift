// Programs, recipes and specs (the data model) are EvoMathSpec's; every user
// of the engine sees them.
@_exported import EvoMathSpec

/// The program-search engine (see shared/DESIGN.md, "The search engine").
public enum EvoMathSearch {
    /// The engine's version, recorded in every spec it writes (`engine`).
    ///
    /// It names the search's trajectory: the same recipe, seed and
    /// generation budget give the same spec, byte for byte, under one engine
    /// version. A change that alters any search's trajectory (mutation,
    /// selection, tuning, sampling, the finalist check, the random streams)
    /// or what the spec writer writes bumps it, and in the same series of
    /// commits every shipped searched spec is re-run from its recipe
    /// (`Scripts/reproduce --write`), re-verified and re-shipped. A change
    /// that keeps every trajectory keeps the version; `Scripts/reproduce
    /// --check` shows it (CI runs it on the quick recipes).
    ///
    /// 0.2.0: specs carry `schema` (`SpecFile.schemaVersion`); the
    /// trajectories are those of 0.1.0.
    public static let engineVersion = "0.2.0"
}
