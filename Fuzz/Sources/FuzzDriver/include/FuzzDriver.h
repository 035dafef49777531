// Nothing to import: this target only provides the entry point SwiftPM links as `main`.
