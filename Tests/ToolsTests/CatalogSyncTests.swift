import Basics
import Content
import CostModel
import CatalogFixtures
import CostModelFixtures
import Foundation
import Testing
import TestSupport

@testable import Tools

func loadExcerpt() throws -> PriceMap {
    var diagnostics = Diagnostics()
    let map = PriceMap.read(path: priceMapExcerpt.path, displayPath: "prices.json", diagnostics: &diagnostics)
    try #require(diagnostics.all.isEmpty, "\(diagnostics.all)")
    return try #require(map)
}

/// "line:column: severity: message" for comparing diagnostics without their source lines.
func brief(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" }
}

@Suite struct PriceMapTests {
    @Test func perTokenPricesReadPerMillion() throws {
        let map = try loadExcerpt()
        // 15 entries in the excerpt; sample_spec is documentation, not a model.
        #expect(map.entries.count == 14)
        let entry = try #require(map.entries["deepseek-chat"])
        #expect(entry.input == 0.28)  // 2.8e-07 * 1e6
        #expect(entry.cachedInput == 0.028)  // 2.8e-08 * 1e6
        #expect(entry.output == 0.42)  // 4.2e-07 * 1e6
        #expect(entry.deprecation == day("2026-07-24"))
        #expect(entry.provider == "deepseek")
        #expect(entry.mode == "chat")
        #expect(map.entries["gpt-3.5-turbo"]?.cachedInput == nil)
        #expect(map.entries["deepseek/search"]?.hasPrices == false)
    }

    @Test func malformedMapIsAnErrorAtItsPlace() {
        var diagnostics = Diagnostics()
        let map = PriceMap.parse(
            Data("{\n  \"gpt-4o\": {\"input_cost_per_token\": x}\n}\n".utf8), displayPath: "bad.json",
            diagnostics: &diagnostics)
        #expect(map == nil)
        #expect(diagnostics.all.count == 1)
        let diagnostic = diagnostics.all.first
        #expect(diagnostic?.severity == .error)
        // `  "gpt-4o": {"input_cost_per_token": ` is 37 characters: the x is at column 38.
        #expect(diagnostic?.location == SourceLocation(file: "bad.json", line: 2, column: 38))
        #expect(diagnostic?.message.hasPrefix("the price map is not valid JSON") == true)
        #expect(diagnostic?.sourceLine == "  \"gpt-4o\": {\"input_cost_per_token\": x}")
    }

    @Test func aTruncatedMapIsAnErrorAtItsEnd() {
        var diagnostics = Diagnostics()
        let map = PriceMap.parse(Data("{\n  \"gpt-4o\": {\n".utf8), displayPath: "cut.json", diagnostics: &diagnostics)
        #expect(map == nil)
        // Two full lines: the end is line 3, column 1.
        #expect(diagnostics.all.map(\.location) == [SourceLocation(file: "cut.json", line: 3, column: 1)])
    }

    @Test func aMapThatIsNotAnObjectIsRefused() {
        var diagnostics = Diagnostics()
        #expect(PriceMap.parse(Data("[1, 2]".utf8), displayPath: "list.json", diagnostics: &diagnostics) == nil)
        #expect(
            brief(diagnostics.all) == [
                "1:1: error: the price map must be a JSON object of model keys to entries (LiteLLM's "
                    + "model_prices_and_context_window.json)"
            ])
    }

    @Test func booleansAreNotPrices() {
        var diagnostics = Diagnostics()
        let map = PriceMap.parse(
            Data(#"{"m": {"input_cost_per_token": true, "output_cost_per_token": 0}}"#.utf8),
            displayPath: "m.json", diagnostics: &diagnostics)
        #expect(map?.entries["m"]?.input == nil)
        #expect(map?.entries["m"]?.output == 0)
    }

    @Test func keysArePlacedInTheMapText() throws {
        let map = try loadExcerpt()
        // The excerpt opens with `{`, then `    "sample_spec": {` on line 2; gpt-4o follows it.
        #expect(map.location(ofKey: "sample_spec") == SourceLocation(file: "prices.json", line: 2, column: 5))
    }
}

@Suite struct PriceMapMatchTests {
    @Test func candidatesInOrder() {
        #expect(
            PriceMapMatch.candidates(id: "gpt-4-1", provider: "OpenAI") == [
                "gpt-4-1", "gpt-4.1", "openai/gpt-4-1", "openai/gpt-4.1",
            ])
        #expect(
            PriceMapMatch.candidates(id: "gemini-2-5-pro", provider: "Google") == [
                "gemini-2-5-pro", "gemini-2.5-pro", "gemini/gemini-2-5-pro", "gemini/gemini-2.5-pro",
                "vertex_ai/gemini-2-5-pro", "vertex_ai/gemini-2.5-pro",
            ])
        #expect(PriceMapMatch.candidates(id: "o3", provider: "OpenAI") == ["o3", "openai/o3"])
    }

    @Test func eachWayOfMatching() throws {
        let map = try loadExcerpt()
        func key(_ id: String, _ provider: String, litellm: String? = nil) -> String? {
            PriceMapMatch.find(id: id, provider: provider, litellmKey: litellm, in: map)?.entry.key
        }
        #expect(key("gpt-4o", "OpenAI") == "gpt-4o")
        #expect(key("gpt-4-1", "OpenAI") == "gpt-4.1")
        #expect(key("gpt-4-1-mini", "OpenAI") == "gpt-4.1-mini")
        #expect(key("gpt-5-4-mini", "OpenAI") == "gpt-5.4-mini")
        // The bare key (Vertex AI's entry) comes before the provider prefix.
        #expect(key("gemini-2-5-pro", "Google") == "gemini-2.5-pro")
        #expect(key("deepseek-flash-latest", "DeepSeek") == "deepseek/deepseek-flash-latest")
        // Two dated releases: the newest.
        #expect(key("gpt-4o-audio-preview", "OpenAI") == "gpt-4o-audio-preview-2025-06-03")
        #expect(key("anything", "Google", litellm: "gemini/gemini-2.5-pro") == "gemini/gemini-2.5-pro")
        // A litellm key is the only thing tried.
        #expect(key("gpt-4o", "OpenAI", litellm: "gpt-4o-2099") == nil)
        #expect(key("claude-sonnet-4", "Anthropic") == nil)
        #expect(key("sample-spec", "x") == nil)
    }
}

@Suite struct CatalogSyncTests {
    func sync(_ text: String = syncCatalog) throws -> CatalogSyncResult {
        CatalogSync.sync(
            catalogText: text, catalogPath: "models.yaml", map: try loadExcerpt(), asOf: day("2026-11-30"))
    }

    @Test func everyDifferenceAtTheOldValue() throws {
        let result = try sync()
        #expect(
            brief(result.diagnostics) == [
                "4:3: warning: 'gpt-4o' has no retirement date here; it retires on 2027-01-14 in the price map "
                    + "('gpt-4o')",
                "4:3: warning: 'gpt-4o' retires on 2027-01-14 without a successor: add 'successor: <id>', the "
                    + "model its traffic moves to, or scenarios keep its prices after that day",
                "6:12: warning: input price of 'gpt-4o' is 2.75 here, 2.50 in the price map ('gpt-4o')",
                "23:12: warning: input price of 'deepseek-chat' is 0.27 here, 0.28 in the price map ('deepseek-chat')",
                "24:19: warning: cached input price of 'deepseek-chat' is 0.07 here, 0.028 in the price map "
                    + "('deepseek-chat')",
                "25:13: warning: output price of 'deepseek-chat' is 1.10 here, 0.42 in the price map "
                    + "('deepseek-chat')",
                "26:14: warning: 'deepseek-chat' retires on 2026-07-24 without a successor: add 'successor: <id>', "
                    + "the model its traffic moves to, or scenarios keep its prices after that day",
                "26:14: warning: 'deepseek-chat' retires on 2026-08-01 here, on 2026-07-24 in the price map "
                    + "('deepseek-chat')",
                "30:3: warning: 'gemini-pro' has no cached_input here (so cached input is billed at the input "
                    + "price); 0.125 in the price map ('gemini/gemini-2.5-pro')",
                "30:3: warning: 'gemini-pro' has no retirement date here; it retires on 2026-12-01 in the price map "
                    + "('gemini/gemini-2.5-pro')",
                "30:3: warning: 'gemini-pro' retires on 2026-12-01 without a successor: add 'successor: <id>', the "
                    + "model its traffic moves to, or scenarios keep its prices after that day",
                "36:3: warning: model 'claude-sonnet-4' is not in the price map (tried claude-sonnet-4, "
                    + "anthropic/claude-sonnet-4 and dated releases of them); add 'litellm: <key>' to match it, "
                    + "or keep its prices up to date by hand",
                // Before 4.00: "  haiku: " 9, "{" 1, "provider: Anthropic, " 21, "litellm: claude-haiku-4-5, "
                // 27, "input: 1.00, " 13, "cached_input: 0.10, " 20, "output: " 8: 99 characters, column 100.
                "40:100: warning: output price of 'haiku' is 4.00 here, 5.00 in the price map ('claude-haiku-4-5')",
            ])
        // gpt-4o 2 (input, retires), deepseek-chat 4, gemini-pro 2 (cached input, retires), haiku 1.
        #expect(result.differences == 9)
        #expect(result.changedModels == ["gpt-4o", "deepseek-chat", "gemini-pro", "haiku"])
        #expect(
            result.matched.map(\.key) == [
                "gpt-4o", "gpt-4.1", "deepseek-chat", "gemini/gemini-2.5-pro",
                "claude-haiku-4-5",
            ])
        #expect(result.unmatched == ["claude-sonnet-4"])
    }

    @Test func writeChangesOnlyTheValues() throws {
        let result = try sync()
        let rewritten = try #require(result.rewritten)
        #expect(rewritten == syncedCatalog)
        // Every line of the old file that holds no changed value is in the new one, in order.
        let changedLines: Set<Int> = [6, 9, 10, 23, 24, 25, 26, 27, 28, 40]
        let kept = syncCatalog.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { !changedLines.contains($0.offset + 1) }.map(\.element)
        var remaining = kept[...]
        for line in rewritten.split(separator: "\n", omittingEmptySubsequences: false)
        where remaining.first == line {
            remaining.removeFirst()
        }
        #expect(remaining.isEmpty, "lines lost: \(Array(remaining))")
    }

    @Test func aSyncedCatalogHasNoDifferences() throws {
        let result = try sync(syncedCatalog)
        #expect(result.differences == 0)
        #expect(result.rewritten == nil)
        // What is left: the model the map does not know, five lines further down (gpt-4o's
        // retires and gemini-pro's cached_input, retires, as_of and source). Dates that agree
        // ask for no successor again.
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(result.diagnostics.map(\.location.line) == [41])
    }

    @Test func anEntryWithoutPricesIsAnErrorAndNothingIsWritten() throws {
        let text = syncCatalog.replacingOccurrences(
            of: "    litellm: gemini/gemini-2.5-pro", with: "    litellm: deepseek/deepseek-flash-latest")
        let result = try sync(text)
        #expect(result.rewritten == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(
            brief(errors) == [
                "32:14: error: the price map's entry 'deepseek/deepseek-flash-latest' (prices.json:\(try placeOf("deepseek/deepseek-flash-latest"))) "
                    + "for model 'gemini-pro' has no input_cost_per_token; match another entry with 'litellm: <key>'"
            ])
    }

    func placeOf(_ key: String) throws -> String {
        let map = try loadExcerpt()
        let location = map.location(ofKey: key)
        return "\(location.line):\(location.column)"
    }

    @Test func anUnknownLitellmKeyIsAnError() throws {
        let text = syncCatalog.replacingOccurrences(
            of: "    litellm: gemini/gemini-2.5-pro", with: "    litellm: gemini/gemini-9")
        let result = try sync(text)
        #expect(result.rewritten == nil)
        #expect(
            brief(result.diagnostics.filter { $0.severity == .error }) == [
                "32:14: error: 'litellm: gemini/gemini-9' of model 'gemini-pro' is not a key of the price map "
                    + "prices.json"
            ])
    }

    @Test func notesOfASourceAreWhatFollowsTheFirstSemicolonOutsideParentheses() {
        #expect(CatalogSync.sourceNotes("openai.com; rate limits: tier 5; x") == "; rate limits: tier 5; x")
        #expect(CatalogSync.sourceNotes("ai.google.dev (up to 200k tokens; 2.50 above)") == "")
        #expect(CatalogSync.sourceNotes("a (b; c); notes (d; e)") == "; notes (d; e)")
        #expect(CatalogSync.sourceNotes("a;b") == "")
    }

    @Test func aCatalogWithErrorsIsNotCompared() throws {
        let result = try sync("as_of: 2026-07-29\nmodels:\n  x:\n    provider: OpenAI\n    input: cheap\n")
        #expect(result.rewritten == nil)
        #expect(result.hasErrors)
        #expect(result.differences == 0)
    }

    /// A document marker moves nothing: the places libyaml gives are spliced the same way.
    @Test func aCatalogWithADocumentMarkerIsRewrittenTheSameWay() throws {
        let text = "---\n" + syncCatalog
        let rewritten = try #require(try sync(text).rewritten)
        #expect(rewritten == "---\n" + syncedCatalog)
    }

    @Test func aValueWrittenOverSeveralLinesIsNotRewritten() throws {
        let text = syncCatalog.replacingOccurrences(
            of: "    source: api-docs.deepseek.com\n",
            with: "    source: >-\n      api-docs.deepseek.com\n      pricing\n")
        let result = try sync(text)
        #expect(result.rewritten == nil)
        #expect(
            brief(result.diagnostics.filter { $0.severity == .error }) == [
                "28:13: error: cannot rewrite 'source' of model 'deepseek-chat' in place: it is not written as one "
                    + "plain or quoted value on its line; change it by hand"
            ])
    }

    @Test func windowsLineEndingsAreKept() throws {
        let text = syncCatalog.replacingOccurrences(of: "\n", with: "\r\n")
        let rewritten = try #require(try sync(text).rewritten)
        // Replaced values keep their lines' CRLF; inserted lines end with LF alone.
        #expect(rewritten.contains("    input: 2.50        # wrong on purpose\r\n"))
        #expect(rewritten.contains("    cached_input: 0.028\r\n"))
    }
}

@Suite struct CatalogAddTests {
    @Test func appendsAModelAfterTheLastOne() throws {
        let catalog = "as_of: 2026-07-29\nmodels:\n  a:\n    provider: OpenAI\n    input: 1\n    output: 2\n# end\n"
        let result = CatalogAdd.add(
            key: "gpt-4.1-mini", as: nil, catalogText: catalog, catalogPath: "models.yaml", map: try loadExcerpt(),
            asOf: day("2026-11-30"))
        // 4e-07, 1e-07, 1.6e-06 per token: 0.4, 0.1, 1.6 per 1M; the id gpt-4-1-mini finds the key
        // itself (dotted spelling), so no litellm key is written.
        #expect(
            result.rewritten
                == "as_of: 2026-07-29\nmodels:\n  a:\n    provider: OpenAI\n    input: 1\n    output: 2\n"
                + "  gpt-4-1-mini:\n    provider: OpenAI\n    input: 0.4\n    cached_input: 0.1\n    output: 1.6\n"
                + "    retires: 2027-01-14\n    as_of: 2026-11-30\n    source: \"LiteLLM price map 'gpt-4.1-mini'\"\n"
                + "# end\n")
        #expect(
            brief(result.diagnostics) == [
                "7:3: warning: 'gpt-4-1-mini' retires on 2027-01-14 in the price map: add 'successor: <id>', the "
                    + "model its traffic moves to"
            ])
    }

    @Test func aNameThatDoesNotFindTheKeyGetsALitellmKey() throws {
        let catalog = "as_of: 2026-07-29\nmodels:\n  a: \n    provider: Google\n    input: 1\n    output: 2"
        let result = CatalogAdd.add(
            key: "gemini/gemini-2.5-pro", as: "gemini-pro", catalogText: catalog, catalogPath: "models.yaml",
            map: try loadExcerpt(), asOf: day("2026-11-30"))
        // No newline at the end: one is added before the new model.
        #expect(
            result.rewritten
                == "as_of: 2026-07-29\nmodels:\n  a: \n    provider: Google\n    input: 1\n    output: 2\n"
                + "  gemini-pro:\n    provider: Google\n    litellm: gemini/gemini-2.5-pro\n    input: 1.25\n"
                + "    cached_input: 0.125\n    output: 10\n    retires: 2026-12-01\n    as_of: 2026-11-30\n"
                + "    source: \"LiteLLM price map 'gemini/gemini-2.5-pro'\"\n")
    }

    @Test func refusals() throws {
        let map = try loadExcerpt()
        let catalog = "as_of: 2026-07-29\nmodels:\n  gpt-4o:\n    provider: OpenAI\n    input: 1\n    output: 2\n"
        func errors(_ key: String, as name: String? = nil) -> [String] {
            let result = CatalogAdd.add(
                key: key, as: name, catalogText: catalog, catalogPath: "models.yaml", map: map,
                asOf: day("2026-11-30"))
            #expect(result.rewritten == nil)
            return brief(result.diagnostics)
        }
        #expect(errors("gpt-4o") == ["3:3: error: model 'gpt-4o' is already in the catalog"])
        #expect(
            errors("gpt-4.1", as: "GPT 4.1") == [
                "1:1: error: 'GPT 4.1' cannot be a model id: use only a-z, 0-9 and '-' (give one with --as)"
            ])
        #expect(errors("gpt-4.2") == ["1:1: error: the price map has no entry 'gpt-4.2'; did you mean 'gpt-4.1'?"])
        #expect(
            errors("deepseek/search").first?.hasSuffix(
                "error: the price map's entry 'deepseek/search' has no input and output prices per token (mode: search)"
            )
                == true)
    }
}

@Suite struct CatalogListTests {
    @Test func textTableAndJSON() throws {
        var diagnostics = Diagnostics()
        let catalog = try #require(
            CatalogLoader.load(SourceText(path: "models.yaml", text: syncedCatalog), diagnostics: &diagnostics))
        let text = CatalogList.text(catalog)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 8)  // a header, six models, a note
        // deepseek-chat: checked 2026-11-30, the catalog's as_of 2026-07-29: 124 days the other way
        // (2 + 31 + 30 + 31 + 30 = 124), so -124.
        let cells = lines.map { $0.split(separator: " ").map(String.init) }
        #expect(
            cells.contains([
                "deepseek-chat", "DeepSeek", "0.28", "0.028", "0.42", "0.999", "-", "-", "2026-07-24", "->", "none",
                "2026-11-30", "-124", "d",
            ]), "\(text)")
        // gpt-4-1: 2026-01-01 to 2026-07-29 is 31 + 28 + 31 + 30 + 31 + 30 + 28 = 209 days.
        #expect(
            cells.contains([
                "gpt-4-1", "OpenAI", "2", "0.5", "8", "0.999", "-", "-", "2027-01-14", "->", "gpt-4o", "2026-01-01",
                "209", "d",
            ]), "\(text)")
        let json = CatalogList.json(catalog)
        #expect(json.contains("\"id\": \"gpt-4-1\""))
        #expect(json.contains("\"age_days\": -124"))
        #expect(json.hasSuffix("}\n"))
    }
}
