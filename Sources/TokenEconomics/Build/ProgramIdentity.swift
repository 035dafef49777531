import Foundation

/// Who is building: a digest of the running executable's bytes. It keys the no-change
/// shortcut (`InputFingerprint`), so that a binary built from other sources never takes the
/// last build's pages for its own, without a version string to remember to change.
enum ProgramIdentity {
    /// The executable's digest, read once per process; a fresh random text when the executable
    /// cannot be read, so that no earlier build is ever taken as up to date.
    static let digest: String = {
        for path in ["/proc/self/exe", CommandLine.arguments.first ?? ""] where !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            var hash = FNV1a()
            hash.add(bytes: data)
            return "\(hash.hex) \(data.count)"
        }
        return "unknown \(UUID().uuidString)"
    }()
}
