import CostModelFixtures
import CostModel
import Foundation

/// The repository's root, found from this file, so tests read the example content in place.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
