import Basics
import Foundation

/// Who is building: a digest of the running executable's bytes. It keys the no-change
/// shortcut (`InputFingerprint`), so that a binary built from other sources never takes the
/// last build's pages for its own, without a version string to remember to change.
enum ProgramIdentity {
    /// The executable's digest, read once per process; a fresh random text when the executable
    /// cannot be read, so that no earlier build is ever taken as up to date.
    static let digest: String = {
        for path in ["/proc/self/exe", CommandLine.arguments.first ?? ""] where !path.isEmpty {
            if let digest = digest(ofFileAt: path) { return digest }
        }
        return "unknown \(UUID().uuidString)"
    }()

    /// The file mapped into memory with its pages loaded at once (reading it into a new buffer
    /// would fault on every page of a 10 MB executable), then hashed.
    private static func digest(ofFileAt path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
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
