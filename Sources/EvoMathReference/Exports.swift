// `HexFloat` lives in the spec model (EvoMathSpec), which reads and writes
// values as hex floats without MPFR; every user of the reference sees it too.
@_exported import EvoMathSpec
