"""Notice publishing: PDF legal notices to structured Markdown and a multilingual static site.

Stages, one module each: ``pdf`` (the only pdfplumber user) -> ``layout`` (words to lines to
blocks) -> ``structure`` (blocks to the ``model.Notice``) -> ``markdown`` (the model to Markdown
and back). ``checks`` lints the Markdown of every language; ``site`` serves the mkdocs hooks.
"""
