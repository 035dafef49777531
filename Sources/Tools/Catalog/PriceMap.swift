import Basics
import Content
import CostModel
import Formats
import Foundation

/// One entry of a price map in LiteLLM's format (`model_prices_and_context_window.json`), with
/// its prices converted to USD per 1M tokens, the catalog's unit. A field the entry lacks, or
/// holds as something other than a number (or a date), is nil.
public struct PriceMapEntry: Sendable, Equatable {
    public var key: String
    public var provider: String?
    public var mode: String?
    public var input: Double?
    public var cachedInput: Double?
    public var output: Double?
    public var deprecation: Day?
    /// The text of `deprecation_date` when it is there but not a date.
    public var badDeprecation: String?
    public var maxInputTokens: Double?
    public var maxOutputTokens: Double?

    /// True when the entry prices both input and output tokens.
    public var hasPrices: Bool { input != nil && output != nil }
}

/// A price map in LiteLLM's format: a JSON object of model keys to objects with per-token
/// prices (`input_cost_per_token`, `output_cost_per_token`, `cache_read_input_token_cost`),
/// `deprecation_date`, `litellm_provider` and `mode`. Entries that are not objects (and the
/// documentation entry `sample_spec`) are left out.
public struct PriceMap: Sendable {
    public var path: String
    public var entries: [String: PriceMapEntry]
    /// The map's text, to point at an entry's key in messages.
    let text: Data

    public static func read(path: String, displayPath: String, diagnostics: inout Diagnostics) -> PriceMap? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error("cannot read the price map", at: SourceLocation(file: displayPath, line: 1, column: 1))
            return nil
        }
        return parse(data, displayPath: displayPath, diagnostics: &diagnostics)
    }

    public static func parse(_ data: Data, displayPath: String, diagnostics: inout Diagnostics) -> PriceMap? {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let nsError = error as NSError
            let detailText = nsError.userInfo[NSDebugDescriptionErrorKey] as? String
            var index = nsError.userInfo["NSJSONSerializationErrorIndex"] as? Int ?? detailText.flatMap(characterIndex)
            if index == nil, detailText?.contains("end of file") == true { index = data.count }
            let location =
                index.map { place(ofByte: $0, in: data, file: displayPath) }
                ?? SourceLocation(file: displayPath, line: 1, column: 1)
            let detail = detailText.map { ": \($0)" } ?? ""
            // The line is quoted only now, when something is wrong with it.
            let text = SourceText(path: displayPath, text: String(decoding: data, as: UTF8.self))
            diagnostics.error("the price map is not valid JSON\(detail)", at: location, in: text)
            return nil
        }
        guard let top = object as? [String: Any] else {
            diagnostics.error(
                "the price map must be a JSON object of model keys to entries (LiteLLM's "
                    + "model_prices_and_context_window.json)", at: SourceLocation(file: displayPath, line: 1, column: 1)
            )
            return nil
        }
        var entries: [String: PriceMapEntry] = [:]
        entries.reserveCapacity(top.count)
        for (key, value) in top where key != "sample_spec" {
            guard let fields = value as? [String: Any] else { continue }
            let deprecationText = fields["deprecation_date"] as? String
            let deprecation = deprecationText.flatMap { Day($0) }
            entries[key] = PriceMapEntry(
                key: key, provider: fields["litellm_provider"] as? String, mode: fields["mode"] as? String,
                input: perMillion(fields["input_cost_per_token"]),
                cachedInput: perMillion(fields["cache_read_input_token_cost"]),
                output: perMillion(fields["output_cost_per_token"]),
                deprecation: deprecation,
                badDeprecation: deprecation == nil ? deprecationText : nil,
                maxInputTokens: number(fields["max_input_tokens"]),
                maxOutputTokens: number(fields["max_output_tokens"]))
        }
        return PriceMap(path: displayPath, entries: entries, text: data)
    }

    /// Where `key` is written as an object key in the map (`"key":`), for messages; the
    /// start of the file when it cannot be found.
    public func location(ofKey key: String) -> SourceLocation {
        let needle = Data(("\"" + key + "\"").utf8)
        var from = text.startIndex
        while let range = text.range(of: needle, in: from..<text.endIndex) {
            var after = range.upperBound
            while after < text.endIndex, text[after] == UInt8(ascii: " ") || text[after] == UInt8(ascii: "\t") {
                after += 1
            }
            if after < text.endIndex, text[after] == UInt8(ascii: ":") {
                return PriceMap.place(ofByte: range.lowerBound - text.startIndex, in: text, file: path)
            }
            from = range.upperBound
        }
        return SourceLocation(file: path, line: 1, column: 1)
    }

    /// The line and column (in Unicode scalars) of byte `offset` of `data`.
    static func place(ofByte offset: Int, in data: Data, file: String) -> SourceLocation {
        let bytes = [UInt8](data.prefix(max(0, offset)))
        var line = 1
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart...], as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    /// "around character 8" in Foundation's message on Linux, which gives no index otherwise.
    static func characterIndex(_ message: String) -> Int? {
        guard let range = message.range(of: "character ") else { return nil }
        return Int(message[range.upperBound...].prefix(while: \.isNumber))
    }

    /// A JSON number (not a boolean), or nil. Foundation gives `true` as an NSNumber of a class
    /// of its own (`__NSCFBoolean`), and `is Bool` holds for the numbers 0 and 1 on Linux, so
    /// the class is what tells them apart.
    static func number(_ value: Any?) -> Double? {
        guard let value, let number = value as? NSNumber,
            !String(describing: type(of: value)).contains("Boolean")
        else { return nil }
        let double = number.doubleValue
        return double.isFinite ? double : nil
    }

    /// A per-token price as USD per 1M tokens, rounded to 1e-9 so that 2.5e-06 reads 2.5.
    static func perMillion(_ value: Any?) -> Double? {
        guard let perToken = number(value), perToken >= 0 else { return nil }
        return (perToken * 1e6 * 1e9).rounded() / 1e9
    }
}
