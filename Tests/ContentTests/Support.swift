import CostModel
import Foundation

/// The repository's root, found from this file, so tests read the example content in place.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func day(_ text: String) -> Day {
    guard let value = Day(text) else { preconditionFailure("bad test date \(text)") }
    return value
}

func month(_ text: String) -> Month {
    guard let value = Month(text) else { preconditionFailure("bad test month \(text)") }
    return value
}
