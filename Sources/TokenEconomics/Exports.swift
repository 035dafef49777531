// The cost model's types (Scenario, Catalog, Projection, …) are part of this library's API, and so are
// the diagnostics, the Markdown door and the pages' build options (`BuildOptions`) of the layers below.
@_exported import Basics
@_exported import Content
@_exported import CostModel
@_exported import Formats
@_exported import Markdown
@_exported import Pages
