"""Templating: compiled Jinja templates shared by every theme environment of one build process.

Input: the Jinja environments mkdocs and the hooks create. Output: the same environments with
one in-memory bytecode cache. The i18n plugin builds the site once per language, and mkdocs makes
a fresh theme environment for every build, so without this Material's templates and our partials
are parsed and compiled again for every language: the largest cost that grows with languages.
"""

from __future__ import annotations

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from notice.catalog import Interface


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates for the life of the process, keyed by template, file and every
    environment setting that changes the compiled code (a template compiled with autoescaping off
    must not be reused where it is on). A changed source misses by its checksum, as in Jinja."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = self.get_cache_key(f"{name}\0{compile_settings(environment, name)}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()


def compile_settings(env: Environment, name: str) -> str:
    """The settings of ``env`` that the compiler reads for template ``name``."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return repr((
        bool(autoescape),
        sorted(env.extensions),
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        env.optimized, env.finalize is not None, env.is_async, getattr(env, "newstyle_gettext", None),
        sorted(env.filters), sorted(env.tests),
    ))


#: One cache per process: every language's build and every hook share it.
CACHE = SharedBytecodeCache()


def share_compiled_templates(env: Environment) -> Environment:
    env.bytecode_cache = CACHE
    return env


def install_interface(env: Environment, interface: Interface) -> Environment:
    """``_``/``ngettext``/``pgettext``/``npgettext`` of ``interface`` (untranslated phrases marked
    ``lang="en"``) and the ``notice_list`` filter (a CLDR list: "a, b och c") in ``env``."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(newstyle=True, **interface.html_callables())  # type: ignore[attr-defined]
    env.filters["notice_list"] = interface.format_list
    return env
