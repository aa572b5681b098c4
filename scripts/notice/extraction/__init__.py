"""Extraction: a notice PDF in, a ``notice.model.Notice`` (and Markdown) out, nothing lost in silence.

``pdf`` (the only pdfplumber user: words, rules, links) -> ``glyphs`` (unmapped glyphs read back)
-> ``layout`` (words to lines to blocks) -> ``structure`` (blocks to the document model);
``conservation`` accounts for every word of the text layer; ``extract`` runs the stages.
Imports neither the lint, nor WeasyPrint, nor jsonschema.
"""
