// swift-tools-version: 6.1
//
// The EvoMath benchmark harness: a nested package so that the library never
// depends on benchmark code or on the peer libraries it is compared with.
//
//   swift build -c release --package-path Benchmarks
//   Scripts/benchmark            (installs what is missing, builds, runs, writes Tables/benchmarks.*)
//
import PackageDescription

// EvoMath's shipped functions are always registered (Sources/evomath-bench/Evolved.swift);
// the registrations of those not shipped yet (none at the moment) are
// compiled only when this is true (EVOMATH_HAS_EVOLVED=1).
let hasEvolved = (Context.environment["EVOMATH_HAS_EVOLVED"] ?? "0") == "1"
// Compile-check only: defines stand-ins for the Evolved functions (calling
// glibc) so the registration code can be type-checked before the real kernels
// exist. Rows are labelled "STUB"; never publish numbers from this mode.
let stubEvolved = (Context.environment["EVOMATH_BENCH_STUB_EVOLVED"] ?? "0") == "1"

var defines: [SwiftSetting] = []
if hasEvolved || stubEvolved { defines.append(.define("EVOMATH_HAS_EVOLVED")) }
if stubEvolved { defines.append(.define("EVOMATH_BENCH_STUB_EVOLVED")) }

let package = Package(
    name: "EvoMathBenchmarks",
    products: [
        .executable(name: "evomath-bench", targets: ["evomath-bench"]),
        .executable(name: "bessel-grid", targets: ["bessel-grid"]),
        .executable(name: "table-load", targets: ["table-load"]),
    ],
    dependencies: [
        .package(name: "EvoMath", path: ".."),
    ],
    targets: [
        // C loops around the peer libraries: glibc libm (scalar), glibc libmvec
        // (AVX2 / AVX-512 vector ABI), SLEEF 3.5.1 and GSL 2.7. The vector loops
        // carry per-function __attribute__((target(...))), so no special flags
        // are needed and the AVX-512 code is only entered after a CPUID check.
        .target(
            name: "CPeers",
            linkerSettings: [
                .linkedLibrary("sleef"),
                .linkedLibrary("mvec"),
                .linkedLibrary("gsl"),
                .linkedLibrary("gslcblas"),
                .linkedLibrary("m"),
            ]
        ),
        .executableTarget(
            name: "evomath-bench",
            dependencies: [
                "CPeers",
                .product(name: "EvoMath", package: "EvoMath"),
            ],
            swiftSettings: defines
        ),
        // Per-point timing of the log-Bessel functions over the issue-9 grid, beside GSL.
        .executableTarget(
            name: "bessel-grid",
            dependencies: [
                "CPeers",
                .product(name: "EvoMath", package: "EvoMath"),
            ]
        ),
        // What a table load costs in a vector loop (Tables/vector-table-load.md); no dependencies.
        .executableTarget(name: "table-load"),
    ],
    swiftLanguageModes: [.v5]
)
