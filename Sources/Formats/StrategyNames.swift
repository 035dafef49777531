import CostModel

/// How pages name each strategy.
extension Strategy {
    /// A table's column and a short label: "Own model".
    package var column: String {
        switch self {
        case .accept: "Accept"
        case .diversify: "Diversify"
        case .ownModel: "Own model"
        }
    }

    /// The subject of a sentence: "Investing in an own model keeps the best worst case".
    package var verb: String {
        switch self {
        case .accept: "Accepting the dependency"
        case .diversify: "Diversifying across providers"
        case .ownModel: "Investing in an own model"
        }
    }

    /// Inside a sentence: "judged by regret instead, the own model is the safer choice".
    package var noun: String {
        switch self {
        case .accept: "accepting"
        case .diversify: "diversifying"
        case .ownModel: "the own model"
        }
    }
}
