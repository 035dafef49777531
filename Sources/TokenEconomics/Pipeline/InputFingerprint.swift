import Basics
import Content
import Foundation
import Pages

/// A digest of everything a build reads: the generator's version, the options, the folders as
/// messages name them, and the path and bytes of every file under the content and templates
/// folders. Equal digests give byte-equal sites (and the same warnings), so a build whose
/// digest matches the last one's has nothing to do.
///
/// It is taken from the files' bytes before anything is parsed, so that an unchanged site
/// costs one read of its sources. A file changed after it is taken can only make the next
/// build's digest differ from the recorded one, which rebuilds: never a stale site.
enum InputFingerprint {
    /// What was read: the digest, nil when a file cannot be read (such a build is never taken
    /// as up to date); the content folder's files and the bytes of those the loader reads, so
    /// that it need not list or read them again.
    struct Reading {
        var digest: String?
        var content: ContentLoader.Preloaded?
    }

    static func compute(_ paths: Paths, options: BuildOptions) -> Reading {
        var hash = FNV1a()
        hash.add("token-economics \(ProgramIdentity.digest)")
        hash.add("drafts=\(options.includeDrafts) base=\(options.baseURL ?? "") strict=\(options.strict)")
        hash.add("built-in templates \(BuiltIn.templatesDigest)")
        var content: ContentLoader.Preloaded?
        for (name, folder) in [("content", paths.content), ("templates", paths.templates)] {
            hash.add("\(name) \(Paths.display(folder))")
            let listing = FolderListing(of: folder)
            let isContent = name == "content"
            // What cannot be read is reported by the loaders, from a full build. Without a
            // templates folder the built-in templates are used alone.
            guard listing.exists || !isContent, listing.refused.isEmpty else {
                return Reading(digest: nil, content: nil)
            }
            // The content loader reads only essays and YAML; every template file is read.
            let files = isContent ? listing.files.filter(ContentLoader.reads) : listing.files
            let read = parallelMap(files.count) { index -> (digest: UInt64, data: Data)? in
                let limit =
                    !isContent && files[index].hasPrefix("assets/")
                    ? SourceFile.maximumAssetSize : SourceFile.maximumSize
                guard
                    case .success(let data) = SourceFile.bytes(atPath: listing.root + "/" + files[index], limit: limit)
                else { return nil }
                var file = FNV1a()
                file.add(bytes: data)
                return (file.value, data)
            }
            guard read.allSatisfy({ $0 != nil }) else { return Reading(digest: nil, content: nil) }
            var data: [String: Data] = [:]
            for (file, item) in zip(files, read) {
                guard let item else { continue }
                hash.add("\(file) \(item.digest)")
                if isContent { data[file] = item.data }
            }
            if isContent { content = ContentLoader.Preloaded(listing: listing, data: data) }
        }
        return Reading(digest: hash.hex, content: content)
    }
}
