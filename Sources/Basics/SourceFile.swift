import Foundation

/// Reads content files, refusing what could not be content: anything but a regular file
/// (a symbolic link, a device, a pipe), files over 1 MiB (checked on the open file before a
/// byte is read) and text that is not UTF-8 (reported at the line and column of the first bad byte).
package enum SourceFile {
    /// The largest essay, YAML file or template read, in bytes.
    package static let maximumSize = 1 << 20
    /// The largest file under `templates/assets/` copied to the site, in bytes.
    package static let maximumAssetSize = 16 << 20

    /// Why a file was not read. The messages never quote the file's bytes.
    package enum ReadProblem: Error, Equatable, CustomStringConvertible {
        case notRegular(String)
        case tooLarge(size: Int, limit: Int)
        case cannotRead(String)

        package var description: String {
            switch self {
            case .notRegular(let what):
                return "\(what): only regular files inside the folder are read"
            case let .tooLarge(size, limit):
                let unit = limit >= 1 << 20 ? " (\(limit >> 20) MiB)" : ""
                return "file is \(size) bytes, over the limit of \(limit) bytes\(unit)"
            case .cannotRead(let reason): return "cannot read the file: \(reason)"
            }
        }
    }

    /// The bytes of the regular file at `path`, opened without following a symbolic link and
    /// measured on the open file before anything is read, so that neither a link nor a huge
    /// file costs more than a system call.
    package static func bytes(atPath path: String, limit: Int = maximumSize) -> Result<Data, ReadProblem> {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP { return .failure(.notRegular("a symbolic link")) }
            return .failure(.cannotRead(String(cString: strerror(code))))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.cannotRead(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular(describeType(info.st_mode))) }
        let size = Int(info.st_size)
        guard size <= limit else { return .failure(.tooLarge(size: size, limit: limit)) }
        var data = Data(count: size)
        var offset = 0
        var problem: ReadProblem?
        // Unsafe: read(2) fills the file's buffer directly, its size checked by stat first.
        data.withUnsafeMutableBytes { buffer in
            while offset < size {
                let count = Glibc.read(descriptor, buffer.baseAddress.map { $0 + offset }, size - offset)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { problem = .cannotRead(String(cString: strerror(errno))) }
                if count <= 0 { break }
                offset += count
            }
        }
        if let problem { return .failure(problem) }
        // A file that shrank meanwhile is read as it is now; one that grew past the limit is refused.
        if offset < size { data.removeSubrange(offset...) }
        var extra: UInt8 = 0
        if offset == size, Glibc.read(descriptor, &extra, 1) > 0 {
            return .failure(.tooLarge(size: size + 1, limit: limit))
        }
        return .success(data)
    }

    /// What a file's type is, for messages.
    package static func describeType(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a regular file"
        }
    }

    package static func read(_ url: URL, displayPath: String, diagnostics: inout Diagnostics) -> SourceText? {
        read(path: url.path, displayPath: displayPath, diagnostics: &diagnostics)
    }

    package static func read(path: String, displayPath: String, diagnostics: inout Diagnostics) -> SourceText? {
        switch bytes(atPath: path) {
        case .success(let data):
            return decode(data, displayPath: displayPath, diagnostics: &diagnostics)
        case .failure(let problem):
            diagnostics.error(problem.description, at: SourceLocation(file: displayPath, line: 1, column: 1))
            return nil
        }
    }

    package static func decode(_ data: Data, displayPath: String, diagnostics: inout Diagnostics) -> SourceText? {
        if data.count > maximumSize {
            diagnostics.error(
                ReadProblem.tooLarge(size: data.count, limit: maximumSize).description,
                at: SourceLocation(file: displayPath, line: 1, column: 1))
            return nil
        }
        // The standard library validates quickly; only bad input pays for finding the place.
        if var text = String(validating: data, as: UTF8.self) {
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            if let (offset, scalar) = firstControlCharacter(in: text) {
                reportControlCharacter(
                    scalar, at: offset, in: text, displayPath: displayPath, diagnostics: &diagnostics)
                return nil
            }
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

    /// An error at the line and column of a control character (the NUL byte among them).
    package static func reportControlCharacter(
        _ scalar: Unicode.Scalar, at offset: Int, in text: String, displayPath: String,
        diagnostics: inout Diagnostics
    ) {
        var line = 1, column = 1
        for character in text.unicodeScalars.prefix(offset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        let source = SourceText(path: displayPath, text: text)
        diagnostics.error(
            "the control character \(visibleScalar(scalar)) is not allowed; "
                + "texts may hold no control characters but tab and line breaks",
            at: source.location(line: line, column: column), in: source)
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
    package static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
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

/// The longest slug: with `.html` or a data file's suffix it stays far below the 255 bytes a
/// file name may have.
package let maximumSlugLength = 100

/// True for `[a-z0-9-]+` of at most `maximumSlugLength` characters, the only names that
/// become file names of the site.
package func isValidSlug(_ slug: String) -> Bool {
    !slug.isEmpty && slug.utf8.count <= maximumSlugLength
        && slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
}
