import Pages

// The output folder of `build` and the private folder of `serve` are where the pages layer's
// renderer hands its files (`SiteSink`, in Pages/Render/SiteSink.swift).
extension SiteWriter: SiteSink {}
