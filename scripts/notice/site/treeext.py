"""A Markdown extension that runs one function over the element tree Python-Markdown built.

The site's own extensions (``autolink``, ``lettered``) each change the tree in place after the
inline patterns ran; this is the registration they share. Each module's ``makeExtension`` (the
entry point Python-Markdown calls for ``notice.site.<name>`` in ``mkdocs.yml``) returns one.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class FunctionTreeprocessor(Treeprocessor):  # type: ignore[misc]  # Markdown ships no types
    def __init__(self, md: Markdown, change: Callable[[etree.Element], None]) -> None:
        super().__init__(md)
        self.change = change

    def run(self, root: etree.Element) -> None:
        self.change(root)


class TreeExtension(Extension):  # type: ignore[misc]
    """``change`` registered as the treeprocessor ``name`` at ``priority`` (below 20: after the
    inline patterns have made the written links, before prettify)."""

    def __init__(self, name: str, change: Callable[[etree.Element], None], priority: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.name, self.change, self.priority = name, change, priority

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(FunctionTreeprocessor(md, self.change), self.name, self.priority)
