"""mkdocs hooks for the version archive, redline, feeds and exports (thin adapter)."""
