import Basics
import Foundation

/// Who is building: the running executable's identity. It keys the no-change shortcut
/// (`InputFingerprint`), so that a binary built from other sources never takes the last
/// build's pages for its own, without a version string to remember to change.
enum ProgramIdentity {
    /// The executable's build ID and size when it has one, else a digest of its bytes; read
    /// once per process. A fresh random text when the executable cannot be read, so that no earlier
    /// build is ever taken as up to date.
    static let digest: String = {
        for path in ["/proc/self/exe", CommandLine.arguments.first ?? ""] where !path.isEmpty {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { continue }
            let size = Int(info.st_size)
            if let id = buildID(of: descriptor) { return "build-id \(id) \(size)" }
            if let digest = digest(of: descriptor, size: size) { return digest }
        }
        return "unknown \(UUID().uuidString)"
    }()

    /// The GNU build ID of an ELF executable, in hex: a digest of the linked file that the
    /// linker writes into a note (`--build-id`, which swiftc passes on Linux), read from the
    /// program headers at the start of the file instead of hashing all of it (20 MB and more,
    /// a tenth of a no-change build). Nil for anything else than a 64-bit little-endian ELF
    /// file with such a note.
    static func buildID(of descriptor: Int32) -> String? {
        func bytes(at offset: Int, count: Int) -> [UInt8]? {
            guard offset >= 0, count > 0, count <= 1 << 16 else { return nil }
            var buffer = [UInt8](repeating: 0, count: count)
            // Unsafe: pread(2) fills the buffer it is given; the count read is checked before use.
            let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            return read == count ? buffer : nil
        }
        func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> Int {
            (0..<size).reversed().reduce(0) { ($0 << 8) | Int(bytes[offset + $1]) }
        }
        // The ELF header: magic, 64-bit class, little-endian, then where the program headers are.
        guard let header = bytes(at: 0, count: 64), header[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]),
            header[4] == 2, header[5] == 1
        else { return nil }
        let tableOffset = integer(header, at: 0x20, size: 8)
        let entrySize = integer(header, at: 0x36, size: 2)
        let entries = integer(header, at: 0x38, size: 2)
        guard entrySize == 56, entries > 0, tableOffset < 1 << 30,
            let table = bytes(at: tableOffset, count: entrySize * entries)
        else { return nil }
        for index in 0..<entries {
            let entry = index * entrySize
            guard integer(table, at: entry, size: 4) == 4 else { continue }  // PT_NOTE
            let offset = integer(table, at: entry + 8, size: 8), size = integer(table, at: entry + 32, size: 8)
            guard offset < 1 << 30, let notes = bytes(at: offset, count: size) else { continue }
            // Each note: name size, description size, type (4 bytes each), then the name and the
            // description, each starting at the segment's alignment (8 or else 4), as glibc reads them.
            let alignment = integer(table, at: entry + 48, size: 8) == 8 ? 8 : 4
            func aligned(_ offset: Int) -> Int { (offset + alignment - 1) / alignment * alignment }
            var at = 0
            while at + 12 <= notes.count {
                let nameSize = integer(notes, at: at, size: 4), descriptionSize = integer(notes, at: at + 4, size: 4)
                let type = integer(notes, at: at + 8, size: 4)
                let name = at + 12, description = at + aligned(12 + nameSize)
                let next = at + aligned(description - at + descriptionSize)
                guard next <= notes.count else { break }
                if type == 3, nameSize == 4, notes[name..<name + 4].elementsEqual(Array("GNU\0".utf8)),
                    descriptionSize >= 8
                {
                    let digits = Array("0123456789abcdef".utf8)
                    let hex = notes[description..<description + descriptionSize].flatMap {
                        [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]]
                    }
                    return String(decoding: hex, as: UTF8.self)
                }
                at = next
            }
        }
        return nil
    }

    /// A digest of the whole file (a regular file of `size` bytes), mapped into memory with its
    /// pages loaded at once (reading it into a new buffer would fault on every page of a 10 MB
    /// executable).
    private static func digest(of descriptor: Int32, size: Int) -> String? {
        #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
        #else
            let flags = MAP_PRIVATE
        #endif
        guard let mapped = mmap(nil, size, PROT_READ, flags, descriptor, 0), mapped != MAP_FAILED else { return nil }
        defer { munmap(mapped, size) }
        var hash = FNV1a()
        // Unsafe: the executable is mmap'd read-only to hash it without a copy, and unmapped after.
        hash.add(bytes: UnsafeRawBufferPointer(start: mapped, count: size))
        return "\(hash.hex) \(size)"
    }
}
