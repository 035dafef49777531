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

    /// A note: name size, description size, type, the name and the description (padded to 4).
    func note(type: Int, name: String, description: [UInt8], declaredSize: Int? = nil) -> [UInt8] {
        var name = Array(name.utf8)
        let nameSize = name.count
        while name.count % 4 != 0 { name.append(0) }
        var padded = description
        while padded.count % 4 != 0 { padded.append(0) }
        return little(nameSize, 4) + little(declaredSize ?? description.count, 4) + little(type, 4) + name + padded
    }

    /// A 64-bit little-endian ELF file: the 64-byte header, one program header (a PT_NOTE,
    /// type 4, at byte 120) and the notes.
    func elf(notes: [UInt8], elfClass: UInt8 = 2) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 64)
        header.replaceSubrange(0..<7, with: [0x7F, 0x45, 0x4C, 0x46, elfClass, 1, 1])
        header.replaceSubrange(0x20..<0x28, with: little(64, 8))  // e_phoff
        header.replaceSubrange(0x36..<0x38, with: little(56, 2))  // e_phentsize
        header.replaceSubrange(0x38..<0x3A, with: little(1, 2))  // e_phnum
        var programHeader = [UInt8](repeating: 0, count: 56)
        programHeader.replaceSubrange(0..<4, with: little(4, 4))  // PT_NOTE
        programHeader.replaceSubrange(8..<16, with: little(120, 8))  // p_offset: 64 + 56
        programHeader.replaceSubrange(32..<40, with: little(notes.count, 8))  // p_filesz
        return header + programHeader + notes
    }

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
    }

    #if os(Linux)
        /// swiftc links with `--build-id` on Linux, so the running test program has one.
        @Test func thisProgramIsKnownByItsBuildID() {
            #expect(ProgramIdentity.digest.hasPrefix("build-id "))
            let parts = ProgramIdentity.digest.split(separator: " ")
            #expect(parts.count == 3 && parts[1].count == 40 && Int(parts[2]) != nil)
        }
    #endif
}
