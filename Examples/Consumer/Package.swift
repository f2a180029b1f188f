// swift-tools-version: 6.1
// A package that uses EvoMath the way a user's package does: by a package dependency on the `EvoMath`
// product only (here by path; a user writes `.package(url: "…/EvoMath", from: "0.1.0")`). CI builds it
// in release with default flags and checks its results against MPFR (Scripts/check-consumer).
import PackageDescription

let package = Package(
    name: "Consumer",
    dependencies: [
        .package(name: "EvoMath", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [.product(name: "EvoMath", package: "EvoMath")]
        ),
    ]
)
