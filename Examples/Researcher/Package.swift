// swift-tools-version: 6.1
// The researcher's loop (README.md): a kernel found by `evomath search` for a recipe of one's own, emitted by
// `evomath emit --package` into this package's own target, which depends on the `EvoMath` product only (here
// by path; a user writes `.package(url: "…/EvoMath", from: "0.2.0")`). Scripts/check-researcher runs the loop.
import PackageDescription

let package = Package(
    name: "Researcher",
    dependencies: [
        .package(name: "EvoMath", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "Researcher",
            dependencies: [.product(name: "EvoMath", package: "EvoMath")]
        ),
    ]
)
