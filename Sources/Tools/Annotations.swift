import Basics
import Formats

/// Diagnostics in the forms CI services read: GitHub's workflow commands, which show as
/// annotations on the lines of a pull request, and GitLab's code-quality report.
public enum Annotations {
    /// One workflow command per diagnostic, `::error file=…,line=…,col=…,title=…::message`.
    public static func github(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            let location = diagnostic.location
            out += "::\(diagnostic.severity.rawValue) file=\(githubProperty(location.file)),line=\(location.line),"
            out += "col=\(location.column),title=\(githubProperty("token-economics"))::"
            out += githubData(diagnostic.message) + "\n"
        }
        return out
    }

    /// A command's message: `%`, CR and LF escaped as the runner unescapes them.
    static func githubData(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property's value (`file=`, `title=`): also `:` and `,`, which would end it.
    static func githubProperty(_ text: String) -> String {
        githubData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// GitLab's code-quality report: a JSON array of issues with a description, a severity
    /// (`major` for an error, `minor` for a warning), the file and line, and a fingerprint that
    /// stays the same while the diagnostic does.
    public static func gitlab(_ diagnostics: [Diagnostic]) -> String {
        var json = JSONWriter(capacity: 256 + diagnostics.count * 256)
        json.array(diagnostics) { json, diagnostic in
            var hash = FNV1a()
            hash.add(diagnostic.location.file)
            hash.add(diagnostic.severity.rawValue)
            hash.add(diagnostic.message)
            hash.add("\(diagnostic.location.line):\(diagnostic.location.column)")
            json.object { json in
                json.field("description", diagnostic.message)
                json.field("check_name", "token-economics \(diagnostic.severity.rawValue)")
                json.field("fingerprint", hash.hex)
                json.field("severity", diagnostic.severity == .error ? "major" : "minor")
                json.field("location") { json in
                    json.field("path", diagnostic.location.file)
                    json.field("lines") { json in json.field("begin", diagnostic.location.line) }
                }
            }
        }
        return json.finish().text
    }
}
