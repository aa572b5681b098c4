"""A short run of `make fuzz`'s notice half, in process: seeded mutations of the notices (payloads,
deleted, doubled and swapped lines, dropped link brackets, broken front matter, stray characters)
never raise from the lint, and a notice the lint passes never publishes what the lint refuses
(a second, independent look at the HTML Python-Markdown makes of it)."""

from __future__ import annotations

import importlib.util
import random
import shutil
from pathlib import Path
from types import ModuleType

import markdown
import pytest
from notice.lint import checks
from notice.lint.markup import read_config

from .conftest import ROOT

MUTATIONS = 40


def load_fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notice_fuzz", ROOT / "bench" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", [1, 2])
def test_seeded_mutations_never_raise_and_never_publish_what_the_lint_refuses(tmp_path: Path, seed: int) -> None:
    fuzz = load_fuzz()
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    settings = checks.lint_settings(read_config(ROOT / "mkdocs.yml"))
    files = sorted(docs.rglob("*.md"))
    rng = random.Random(seed)
    refused = 0
    for _ in range(MUTATIONS):
        target = rng.choice(files)
        original = target.read_bytes()
        target.write_text(fuzz.mutate(original.decode("utf-8"), rng), encoding="utf-8", errors="surrogatepass")
        problems = checks.check_all(docs, ROOT / "locales", "sv", languages=["sv", "en", "de"], settings=settings)
        errors = [p for p in problems if p.severity == "error"]
        refused += bool(errors)
        if not errors and target.name == "index.md":
            page = fuzz.Published()
            page.feed(markdown.markdown(target.read_text(encoding="utf-8"), extensions=list(settings.markup.extensions),
                                        extension_configs={k: dict(v) for k, v in settings.markup.configs.items()}))
            assert page.bad == [], f"{target}: the lint passed a page that publishes {page.bad}"
        target.write_bytes(original)
    assert 0 < refused < MUTATIONS  # the mutations are neither all harmless nor all caught
