import Foundation

/// Reads content files, refusing what could not be content: files over 1 MiB and
/// text that is not UTF-8 (reported at the line and column of the first bad byte).
enum SourceFile {
    static let maximumSize = 1 << 20

    static func read(_ url: URL, displayPath: String, diagnostics: inout Diagnostics) -> SourceText? {
        read(path: url.path, displayPath: displayPath, diagnostics: &diagnostics)
    }

    static func read(path: String, displayPath: String, diagnostics: inout Diagnostics) -> SourceText? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error("cannot read the file", at: SourceLocation(file: displayPath, line: 1, column: 1))
            return nil
        }
        return decode(data, displayPath: displayPath, diagnostics: &diagnostics)
    }

    static func decode(_ data: Data, displayPath: String, diagnostics: inout Diagnostics) -> SourceText? {
        if data.count > maximumSize {
            diagnostics.error(
                "file is \(data.count) bytes, over the limit of \(maximumSize) bytes (1 MiB)",
                at: SourceLocation(file: displayPath, line: 1, column: 1))
            return nil
        }
        // The standard library validates quickly; only bad input pays for finding the place.
        if var text = String(validating: data, as: UTF8.self) {
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return SourceText(path: displayPath, text: text)
        }
        let bytes = [UInt8](data)
        if let bad = firstInvalidUTF8(bytes) {
            var line = 1, lineStart = 0
            for (offset, byte) in bytes[..<bad].enumerated() where byte == 0x0A {
                line += 1
                lineStart = offset + 1
            }
            let before = String(decoding: bytes[lineStart..<bad], as: UTF8.self)
            diagnostics.error(
                "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))",
                at: SourceLocation(file: displayPath, line: line, column: before.unicodeScalars.count + 1))
            return nil
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return SourceText(path: displayPath, text: text)
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            for k in 1..<length {
                guard i + k < bytes.count else { return i }
                let c = bytes[i + k]
                let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard c >= lo && c <= hi else { return i }
            }
            i += length
        }
        return nil
    }
}

/// True for `[a-z0-9-]+`, the only names that become file names of the site.
func isValidSlug(_ slug: String) -> Bool {
    !slug.isEmpty
        && slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
}
