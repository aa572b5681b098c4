"""The lint: every language's notice Markdown and catalog in, ``notice.document.Problem`` records out.

One function per check in ``checks``; ``notice check`` and the mkdocs hook print the same records.
"""
