import Basics
import Formats

/// `EconomicsDiff` as text for a terminal, Markdown for a pull-request comment, or JSON.
extension EconomicsDiff {
    /// The first line of a pull-request comment from `token-economics diff --format markdown`,
    /// hidden when rendered: a bot finds its own comment by it and edits it rather than adding one.
    public static let markdownMarker = "<!-- token-economics-diff -->"

    /// One line: what moved, and the largest fall of a gross margin.
    public var summary: String { summary(name: { $0 }) }

    private func summary(name: (String) -> String) -> String {
        var scenarioPart: String
        let changed = count(.changed), added = count(.added), removed = count(.removed)
        if scenarios.isEmpty {
            scenarioPart = "no change in \(plural(unchanged, "scenario"))"
        } else {
            var parts = ["\(plural(changed, "scenario")) changed"]
            if added > 0 { parts.append("\(added) added") }
            if removed > 0 { parts.append("\(removed) removed") }
            parts.append("\(unchanged) unchanged")
            scenarioPart = parts.joined(separator: ", ")
        }
        var catalogPart: String
        if !catalogCompared {
            catalogPart = "catalog not compared (a side has no data/\(DataFiles.catalogFile))"
        } else if models.isEmpty {
            catalogPart = "catalog unchanged"
        } else {
            catalogPart = "\(plural(models.count, "catalog model")) changed"
        }
        var text = scenarioPart + "; " + catalogPart
        if let fall = marginDrops(over: 0).first,
            let figure = fall.figures.first(where: { $0.key == "gross_margin" }), figure.change.hasPrefix("\u{2212}")
        {
            text += "; largest margin fall: \(name(fall.slug)) \(figure.before) → \(figure.after) (\(figure.change))"
        }
        return text
    }

    // MARK: Text

    /// For a terminal: the summary, then each scenario and model that moved, a line per figure.
    public var text: String {
        var lines = ["token-economics diff: " + summary(name: Self.plainText)]
        for scenario in scenarios {
            lines.append("")
            lines.append(
                "\(scenario.status.rawValue) \(Self.plainText(scenario.slug)): \(Self.plainText(scenario.name))")
            guard scenario.status != .removed else { continue }
            let width = scenario.figures.map(\.label.count).max() ?? 0
            for figure in scenario.figures {
                lines.append("  " + Self.figureLine(figure, width: width, added: scenario.status == .added))
            }
        }
        if !models.isEmpty {
            lines.append("")
            lines.append("catalog:")
            for model in models {
                lines.append("  \(model.status.rawValue) \(Self.plainText(model.id))")
                guard model.status == .changed else { continue }
                let width = model.figures.map(\.label.count).max() ?? 0
                for figure in model.figures {
                    lines.append("    " + Self.figureLine(figure, width: width, added: false))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func figureLine(_ figure: FigureChange, width: Int, added: Bool) -> String {
        let label = plainText(figure.label).padding(toLength: width, withPad: " ", startingAt: 0)
        if added { return "\(label)  \(plainText(figure.after))" }
        let change = figure.change.isEmpty ? "" : "  (\(figure.change))"
        return "\(label)  \(plainText(figure.before)) → \(plainText(figure.after))\(change)"
    }

    /// Text for a terminal: control characters (an escape sequence in a scenario's name) become `?`.
    static func plainText(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0 }))
    }

    // MARK: Markdown

    /// For a pull-request comment: the hidden marker, the summary in bold, and the details in
    /// a folded `<details>` block (none when nothing moved). Names from the content are escaped,
    /// so a scenario's name cannot add markup, links or mentions to the comment.
    public var markdown: String {
        var lines = [Self.markdownMarker, "**Token economics:** " + Self.markdownText(summary)]
        guard !isEmpty else { return lines.joined(separator: "\n") + "\n" }
        lines += ["", "<details>", "<summary>What changed</summary>"]
        for scenario in scenarios {
            lines.append("")
            lines.append(
                "**\(Self.markdownText(scenario.slug))** (\(scenario.status.rawValue)): \(Self.markdownText(scenario.name))"
            )
            switch scenario.status {
            case .removed:
                continue
            case .added:
                lines += ["", "| Figure | Value |", "| :-- | --: |"]
                for figure in scenario.figures {
                    lines.append("| \(Self.markdownText(figure.label)) | \(Self.markdownText(figure.after)) |")
                }
            case .changed:
                lines += ["", "| Figure | Before | After | Change |", "| :-- | --: | --: | --: |"]
                for figure in scenario.figures {
                    lines.append(
                        "| \(Self.markdownText(figure.label)) | \(Self.markdownText(figure.before)) "
                            + "| \(Self.markdownText(figure.after)) | \(Self.markdownText(figure.change)) |")
                }
            }
        }
        if !models.isEmpty {
            lines += [
                "", "**Catalog**", "", "| Model | Figure | Before | After | Change |",
                "| :-- | :-- | --: | --: | --: |",
            ]
            for model in models {
                let id = Self.markdownText(model.id)
                guard model.status == .changed else {
                    lines.append("| \(id) | \(model.status.rawValue) | | | |")
                    continue
                }
                for figure in model.figures {
                    lines.append(
                        "| \(id) | \(Self.markdownText(figure.label)) | \(Self.markdownText(figure.before)) "
                            + "| \(Self.markdownText(figure.after)) | \(Self.markdownText(figure.change)) |")
                }
            }
        }
        lines += ["", "</details>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text as Markdown shows it literally, on one line and inside a table cell: `&`, `<`, `>`
    /// as entities, Markdown's punctuation (and `$`, which starts math on GitHub) behind a
    /// backslash, line breaks and other control characters as spaces, and `@`
    /// followed by a word joiner so that it mentions nobody.
    static func markdownText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "@": out += "@\u{2060}"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += " "
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: JSON

    /// Every change with its figures before and after, as printed, and the unrounded margins.
    public var json: String {
        var json = JSONWriter(capacity: 1024 + scenarios.count * 512)
        json.object { json in
            json.field("summary", summary)
            json.field("unchanged", unchanged)
            json.field("catalog_compared", catalogCompared)
            json.field("scenarios", array: scenarios) { json, scenario in
                json.object { json in
                    json.field("slug", scenario.slug)
                    json.field("name", scenario.name)
                    json.field("status", scenario.status.rawValue)
                    json.field("gross_margin_before", scenario.marginBefore)
                    json.field("gross_margin_after", scenario.marginAfter)
                    json.field("figures", array: scenario.figures) { json, figure in Self.write(figure, &json) }
                }
            }
            json.field("models", array: models) { json, model in
                json.object { json in
                    json.field("id", model.id)
                    json.field("status", model.status.rawValue)
                    json.field("figures", array: model.figures) { json, figure in Self.write(figure, &json) }
                }
            }
        }
        return json.finish().text
    }

    private static func write(_ figure: FigureChange, _ json: inout JSONWriter) {
        json.object { json in
            json.field("key", figure.key)
            json.field("label", figure.label)
            json.field("before", figure.before)
            json.field("after", figure.after)
            json.field("change", figure.change)
        }
    }
}

/// `1 scenario`, `2 scenarios`.
private func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
