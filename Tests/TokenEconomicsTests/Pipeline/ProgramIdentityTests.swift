import Foundation
import Testing

@testable import TokenEconomics

/// The program's identity in the no-change shortcut: the build ID the linker writes into an ELF
/// executable, read from its program headers, on files made byte by byte here.
@Suite struct ProgramIdentityTests {
    /// Little-endian bytes of `value`, `size` of them.
    func little(_ value: Int, _ size: Int) -> [UInt8] {
        (0..<size).map { UInt8((value >> (8 * $0)) & 0xFF) }
    }

    /// A note: name size, description size, type, the name and the description, each starting
    /// at a multiple of `alignment` from the note's start.
    func note(type: Int, name: String, description: [UInt8], declaredSize: Int? = nil, alignment: Int = 4) -> [UInt8] {
        var bytes = little(name.utf8.count, 4) + little(declaredSize ?? description.count, 4) + little(type, 4)
        bytes += Array(name.utf8)
        while bytes.count % alignment != 0 { bytes.append(0) }
        bytes += description
        while bytes.count % alignment != 0 { bytes.append(0) }
        return bytes
    }

    /// A 64-bit little-endian ELF file: the 64-byte header, one PT_NOTE program header (type
    /// 4) per segment of notes, each with its alignment, then the segments one after another.
    func elf(segments: [(notes: [UInt8], alignment: Int)], elfClass: UInt8 = 2, tableOffset: Int = 64) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 64)
        header.replaceSubrange(0..<7, with: [0x7F, 0x45, 0x4C, 0x46, elfClass, 1, 1])
        header.replaceSubrange(0x20..<0x28, with: little(tableOffset, 8))  // e_phoff
        header.replaceSubrange(0x36..<0x38, with: little(56, 2))  // e_phentsize
        header.replaceSubrange(0x38..<0x3A, with: little(segments.count, 2))  // e_phnum
        var table: [UInt8] = [], contents: [UInt8] = []
        var offset = 64 + 56 * segments.count  // 8-aligned, as each segment below stays
        for segment in segments {
            var programHeader = [UInt8](repeating: 0, count: 56)
            programHeader.replaceSubrange(0..<4, with: little(4, 4))  // PT_NOTE
            programHeader.replaceSubrange(8..<16, with: little(offset, 8))  // p_offset
            programHeader.replaceSubrange(32..<40, with: little(segment.notes.count, 8))  // p_filesz
            programHeader.replaceSubrange(48..<56, with: little(segment.alignment, 8))  // p_align
            table += programHeader
            var notes = segment.notes
            while notes.count % 8 != 0 { notes.append(0) }
            contents += notes
            offset += notes.count
        }
        return header + table + contents
    }

    func elf(notes: [UInt8], elfClass: UInt8 = 2) -> [UInt8] { elf(segments: [(notes, 4)], elfClass: elfClass) }

    func buildID(of bytes: [UInt8]) throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("te-identity-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let descriptor = open(file.path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        return ProgramIdentity.buildID(of: descriptor)
    }

    /// The ABI tag note (type 1) comes first and is passed over; the build ID (type 3, name
    /// "GNU") is its 20 bytes 0x01…0x14 in hex.
    @Test func theBuildIDNoteIsReadAsHex() throws {
        let abiTag = note(type: 1, name: "GNU\0", description: [UInt8](repeating: 0, count: 16))
        let id = note(type: 3, name: "GNU\0", description: Array(1...20))
        #expect(try buildID(of: elf(notes: abiTag + id)) == "0102030405060708090a0b0c0d0e0f1011121314")
    }

    /// Names and descriptions that are not a multiple of the alignment: padded to 4 in a
    /// 4-aligned segment, to 8 from the note's start in an 8-aligned one (as glibc reads them);
    /// the ID in the second of two segments.
    @Test func notesArePaddedToTheirSegmentsAlignment() throws {
        let id = Array(UInt8(0xA0)...UInt8(0xAF))  // 16 bytes: a0a1…af
        let expected = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
        let odd4 = note(type: 7, name: "Vendr", description: [1, 2, 3, 4, 5, 6])
        #expect(odd4.count == 12 + 8 + 8)  // the name's 5 bytes to 8, the description's 6 to 8
        #expect(try buildID(of: elf(notes: odd4 + note(type: 3, name: "GNU\0", description: id))) == expected)
        // 8-aligned: the name ends at 17, the description starts at 24 and ends at 30, the next
        // note starts at 32.
        let odd8 = note(type: 7, name: "Vendr", description: [1, 2, 3, 4, 5, 6], alignment: 8)
        #expect(odd8.count == 32)
        let segment8 = odd8 + note(type: 3, name: "GNU\0", description: id, alignment: 8)
        #expect(try buildID(of: elf(segments: [(segment8, 8)])) == expected)
        let first = note(type: 1, name: "GNU\0", description: [0, 0, 0, 0])
        let second = note(type: 3, name: "GNU\0", description: id)
        #expect(try buildID(of: elf(segments: [(first, 4), (second, 4)])) == expected)
    }

    @Test func anythingElseHasNone() throws {
        let id = note(type: 3, name: "GNU\0", description: Array(1...20))
        // Not ELF; a 32-bit ELF file; a type-3 note of another vendor; no build ID note.
        #expect(try buildID(of: Array("#!/bin/sh\necho hello\n".utf8) + [UInt8](repeating: 0, count: 100)) == nil)
        #expect(try buildID(of: elf(notes: id, elfClass: 1)) == nil)
        #expect(try buildID(of: elf(notes: note(type: 3, name: "XYZ\0", description: Array(1...20)))) == nil)
        #expect(try buildID(of: elf(notes: note(type: 1, name: "GNU\0", description: [0, 0, 0, 0]))) == nil)
        // A note that says it is longer than the segment, and a file cut inside its headers.
        #expect(
            try buildID(of: elf(notes: note(type: 3, name: "GNU\0", description: Array(1...20), declaredSize: 4000)))
                == nil)
        #expect(try buildID(of: Array(elf(notes: id).prefix(90))) == nil)
        // Program headers said to be at an offset with the top bit set (a negative Int).
        #expect(try buildID(of: elf(segments: [(id, 4)], tableOffset: Int.min + 64)) == nil)
    }

    #if os(Linux)
        /// swiftc links with `--build-id` on Linux, so the running test program has one.
        @Test func thisProgramIsKnownByItsBuildID() {
            #expect(ProgramIdentity.digest.hasPrefix("build-id "))
            // gold and ld write a SHA-1 (40 hex digits), lld a 64-bit hash by default (16).
            let parts = ProgramIdentity.digest.split(separator: " ")
            #expect(parts.count == 3 && parts[1].count >= 16 && parts[1].count % 2 == 0 && Int(parts[2]) != nil)
        }
    #endif
}
