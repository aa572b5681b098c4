"""Versions: the current notices and ``versions.yml`` in; what each published version is out.

``versions`` reads the change-log data, ``archive`` decides what is published, ``release`` writes a
version's snapshots; ``redline``, ``export`` (JSON), ``typeset`` (PDF, the only WeasyPrint user),
``feed`` (Atom) and ``pages`` render it; ``publish`` writes the files per language.
"""
