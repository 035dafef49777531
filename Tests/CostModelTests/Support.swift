@testable import CostModel

/// True when `actual` equals `expected` to a relative 1e-12 (absolute 1e-12 near zero).
func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}

func day(_ text: String) -> Day {
    guard let value = Day(text) else { preconditionFailure("bad test date \(text)") }
    return value
}

func month(_ text: String) -> Month {
    guard let value = Month(text) else { preconditionFailure("bad test month \(text)") }
    return value
}
