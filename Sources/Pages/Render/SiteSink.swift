import Basics
import Foundation

/// Where rendered files go, by path relative to the site's root: the output folder of `build`
/// (`SiteWriter`, in the pipeline target), or whatever else keeps a site (a server's private folder, a test's memory).
/// Renderers hand every file to a sink and never touch a disk themselves.
package protocol SiteSink: AnyObject, Sendable {
    /// Takes a file's bytes. Called from several threads at once.
    func put(_ path: String, _ text: TextBuffer)
    /// Takes a file's bytes. Called from several threads at once.
    func put(_ path: String, _ data: Data)
}
