// swift-tools-version: 6.1
// A custom precision, end to end (README.md): exp in p12e8 — 12 significant bits, binary32's exponent range —
// searched by `evomath search`, emitted by `evomath emit --package` into this package's own target (which depends
// on the `EvoMath` product only; here by path), verified on every input. Scripts/check-custom-format runs it.
import PackageDescription

let package = Package(
    name: "CustomFormat",
    dependencies: [
        .package(name: "EvoMath", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "CustomFormat",
            dependencies: [.product(name: "EvoMath", package: "EvoMath")]
        ),
    ]
)
