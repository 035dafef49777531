// The cost model's types (Scenario, Catalog, Projection, …) are part of this library's API.
@_exported import CostModel
