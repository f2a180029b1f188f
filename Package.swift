// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "EvoMath",
    products: [
        .library(name: "EvoMath", targets: ["EvoMath"]),
        .library(name: "EvoMathReference", targets: ["EvoMathReference"]),
        .library(name: "EvoMathSpec", targets: ["EvoMathSpec"]),
        .library(name: "EvoMathEmitter", targets: ["EvoMathEmitter"]),
        .library(name: "EvoMathSearch", targets: ["EvoMathSearch"]),
        .executable(name: "evomath", targets: ["evomath"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation --target EvoMath` (Scripts/check-docs); a plugin only.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The runtime users import: no dependencies, not even Foundation.
        .target(
            name: "EvoMath",
            // Double's rounded(.down), rounded(.towardZero) and squareRoot() lower to calls to floor, trunc and
            // sqrt without SSE4.1 (default flags): the platform's libm, which every Swift program on Linux loads
            // anyway (libswiftCore links it), but which a package importing only EvoMath (no Foundation, no Glibc)
            // does not link by itself. Scripts/check-consumer links such a package.
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        .systemLibrary(
            name: "CMPFR",
            pkgConfig: "mpfr",
            providers: [.apt(["libmpfr-dev", "libgmp-dev"])]
        ),
        // The data model of recipes, specs and programs: typed, strictly read
        // (no MPFR), so the emitter and the tools share one reader.
        .target(name: "EvoMathSpec"),
        // Specs → Swift source for Sources/EvoMath/Generated/: the spec model
        // only, no MPFR.
        .target(name: "EvoMathEmitter", dependencies: ["EvoMathSpec"]),
        .target(name: "EvoMathReference", dependencies: ["CMPFR", "EvoMath", "EvoMathSpec"]),
        .target(name: "EvoMathSearch", dependencies: ["EvoMathReference", "EvoMath", "EvoMathSpec"]),
        .executableTarget(
            name: "evomath",
            dependencies: [
                "EvoMath", "EvoMathReference", "EvoMathSearch", "EvoMathEmitter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Every binary32 input through the batch entries vs the scalar functions, in release
        // (Scripts/accuracy-checks): `swift run -c release evomath-batch-check`.
        .executableTarget(name: "evomath-batch-check", dependencies: ["EvoMath"]),
        .testTarget(name: "EvoMathTests", dependencies: ["EvoMath"]),
        .testTarget(name: "EvoMathReferenceTests", dependencies: ["EvoMathReference", "EvoMath"],
                    exclude: ["Data"]),
        // Runs the built `evomath` tool as a user would.
        .testTarget(name: "EvoMathCLITests", dependencies: ["evomath", "EvoMathReference"]),
        .testTarget(name: "EvoMathSearchTests", dependencies: ["EvoMathSearch", "EvoMathReference", "EvoMathEmitter"]),
        .testTarget(name: "EvoMathEmitterTests", dependencies: ["EvoMathEmitter"]),
        .testTarget(name: "EvoMathSpecTests", dependencies: ["EvoMathSpec"]),
    ],
    swiftLanguageModes: [.v5]
)
