/// How a catalog model finds its entry in a price map (docs/catalog.md says the same):
///
/// 1. a `litellm:` key on the model names the entry exactly, and nothing else is tried;
/// 2. else the model's id, then its id with every `-` between two digits read as `.`
///    (`gpt-4-1` -> `gpt-4.1`, `gemini-2-5-pro` -> `gemini-2.5-pro`);
/// 3. else each of those behind the provider's prefix (`openai/`, `anthropic/`, `deepseek/`,
///    `gemini/` and `vertex_ai/` for Google, else the provider's name in lower case);
/// 4. else each of those followed by a release date (`-20250514` or `-2025-05-14`), the newest.
///
/// The first key found is the match, whatever it holds: an entry without prices is an error,
/// not a reason to look further.
public enum PriceMapMatch {
    public enum How: Sendable, Equatable {
        case litellmKey, id, spelling, providerPrefix, dated
    }

    /// The keys tried for `id`, in order, before dated keys.
    public static func candidates(id: String, provider: String) -> [String] {
        var spellings = [id]
        let dotted = dottedSpelling(id)
        if dotted != id { spellings.append(dotted) }
        var keys = spellings
        for prefix in providerPrefixes(provider) {
            keys += spellings.map { prefix + "/" + $0 }
        }
        return keys
    }

    /// `id` with each `-` between two digits written `.`.
    static func dottedSpelling(_ id: String) -> String {
        let scalars = Array(id.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "-", index > 0, index + 1 < scalars.count,
                isDigit(scalars[index - 1]), isDigit(scalars[index + 1])
            {
                out.append(".")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func providerPrefixes(_ provider: String) -> [String] {
        let name = provider.lowercased().filter { !$0.isWhitespace }
        switch name {
        case "google": return ["gemini", "vertex_ai"]
        default: return [name]
        }
    }

    /// The entry for a model, or nil when the map knows none of its spellings.
    public static func find(
        id: String, provider: String, litellmKey: String?, in map: PriceMap
    ) -> (entry: PriceMapEntry, how: How)? {
        if let litellmKey {
            return map.entries[litellmKey].map { ($0, .litellmKey) }
        }
        let keys = candidates(id: id, provider: provider)
        for (index, key) in keys.enumerated() {
            guard let entry = map.entries[key] else { continue }
            let how: How = index == 0 ? .id : (key.contains("/") ? .providerPrefix : .spelling)
            return (entry, how)
        }
        // Dated releases: the newest date after any of the keys tried.
        var best: (date: String, rank: Int, key: String)?
        for key in map.entries.keys {
            for (rank, stem) in keys.enumerated() where key.hasPrefix(stem + "-") {
                let date = String(key.dropFirst(stem.count + 1))
                guard isDateSuffix(date) else { continue }
                let compact = date.filter { $0 != "-" }
                if let current = best, (compact, -rank) <= (current.date, -current.rank) { continue }
                best = (compact, rank, key)
            }
        }
        if let best, let entry = map.entries[best.key] { return (entry, .dated) }
        return nil
    }

    /// `20250514` or `2025-05-14`.
    static func isDateSuffix(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        if scalars.count == 8 { return scalars.allSatisfy(isDigit) }
        guard scalars.count == 10 else { return false }
        for (index, scalar) in scalars.enumerated() {
            if index == 4 || index == 7 {
                guard scalar == "-" else { return false }
            } else if !isDigit(scalar) {
                return false
            }
        }
        return true
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
