"""The site: what the mkdocs hooks add to each built page, and the translators' commands.

``site`` (sections, dates, permalinks on a page), ``translation`` (untranslated and outdated
sections, the status page), ``languages`` (``notice new-language``, ``--update-freshness``).
"""
