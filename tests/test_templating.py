"""Compiled templates shared between the theme environments of one build (one per language and
hook): compiled once, and never reused where a setting would compile them differently."""

from __future__ import annotations

import pytest
from babel.support import NullTranslations
from jinja2 import DictLoader, Environment
from notice.templating import SharedBytecodeCache

TEMPLATES = {"page.html": "{{ text }}|{% trans name=name %}Hello {{ name }}{% endtrans %}"}


def environment(cache: SharedBytecodeCache, *, templates: dict[str, str] = TEMPLATES, autoescape: bool = False,
                newstyle: bool = True) -> Environment:
    env = Environment(loader=DictLoader(templates), autoescape=autoescape, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(NullTranslations(), newstyle=newstyle)  # type: ignore[attr-defined]
    env.bytecode_cache = cache
    return env


def render(env: Environment) -> str:
    return env.get_template("page.html").render(text="<b>", name="<i>")


def test_a_second_environment_uses_the_compiled_template(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = SharedBytecodeCache()
    assert render(environment(cache)) == "<b>|Hello <i>"
    compiled: list[str] = []
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: compiled.append("x"))
    assert render(environment(cache)) == "<b>|Hello <i>"
    assert compiled == [] and len(cache.store) == 1


@pytest.mark.parametrize(
    "autoescape, newstyle, expected",
    [
        (True, True, "&lt;b&gt;|Hello &lt;i&gt;"),  # compiled without escaping, it would leak markup
        (False, False, "<b>|Hello <i>"),  # {% trans %} compiles to other calls for old-style gettext
    ],
)
def test_a_setting_that_changes_the_code_compiles_anew(autoescape: bool, newstyle: bool, expected: str) -> None:
    cache = SharedBytecodeCache()
    render(environment(cache))
    assert render(environment(cache, autoescape=autoescape, newstyle=newstyle)) == expected
    assert len(cache.store) == 2


def test_a_changed_template_is_compiled_anew() -> None:
    cache = SharedBytecodeCache()
    render(environment(cache))
    assert render(environment(cache, templates={"page.html": "new {{ text }}"})) == "new <b>"
