"""Notice publishing: PDF legal notices to structured Markdown and a multilingual static site.

The parts, one subpackage each, in the order they stack (each uses only those above it):

- ``notice`` itself, the core: the typed document model (``model``), its Markdown writer and reader
  (``markdown``, ``reader``), a notice file read as a document (``document``), catalogs, dates, files.
- ``notice.extraction``: a PDF in, a ``model.Notice`` and its conservation report out.
- ``notice.lint``: every language's Markdown and catalog in, ``Problem`` records (file:line) out.
- ``notice.versions``: notices and ``versions.yml`` in; the archive, redlines, feeds, JSON and PDF out.
- ``notice.site``: what the mkdocs hooks put on the pages (translation state, sections, dates).

``cli`` (the ``notice`` command) and ``overrides/hooks/`` are thin adapters on top.
"""
