import CostModelFixtures
@testable import CostModel

/// True when `actual` equals `expected` to a relative 1e-12 (absolute 1e-12 near zero).
func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}
