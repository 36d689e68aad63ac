"""What a build holds is kept out of the cycle collector's walks while it writes its pages
(`plugin/heap.py`), and given back when the build ends or fails. A hook (MkDocs' `hooks:`)
records the collector's permanent generation while pages are built."""

from __future__ import annotations

import gc
import json
from pathlib import Path

from sitebuild import FIXTURE_EPOCH, bilingual_fixture_site, mkdocs_build

HOOK = """
import gc
import json
from pathlib import Path

frozen = []


def on_page_context(context, page, config, nav):
    frozen.append(gc.get_freeze_count())
    if config.extra.get("fail_in_pages"):
        raise RuntimeError("a hook failed while pages were built")
    return context


def on_post_build(config):
    Path(config["site_dir"], "..", "record.json").write_text(json.dumps(frozen))
"""


def hooked_site(tmp_path: Path, fail: bool = False) -> Path:
    site: Path = bilingual_fixture_site(tmp_path / "src")
    (site / "record_hook.py").write_text(HOOK, encoding="utf-8")
    config = site / "mkdocs.yml"
    extra = "extra:\n  fail_in_pages: true\n" if fail else ""
    config.write_text(
        config.read_text(encoding="utf-8") + "hooks:\n  - record_hook.py\n" + extra,
        encoding="utf-8",
    )
    return site


def test_pages_are_built_with_the_build_frozen_and_it_is_thawed_after(tmp_path: Path) -> None:
    assert gc.get_freeze_count() == 0
    site = hooked_site(tmp_path)
    result = mkdocs_build(site, tmp_path / "out" / "site", FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    frozen = json.loads((tmp_path / "out" / "record.json").read_text(encoding="utf-8"))
    # Every page (both languages') was built with the plan and pages out of the walks: the
    # site, its snapshots and MkDocs' pages are thousands of objects.
    assert frozen and min(frozen) > 10_000
    assert gc.get_freeze_count() == 0  # given back to the collector when the build ended


def test_a_failed_build_thaws_what_it_froze(tmp_path: Path) -> None:
    site = hooked_site(tmp_path, fail=True)
    result = mkdocs_build(site, tmp_path / "out" / "site", FIXTURE_EPOCH)
    assert result.returncode == 1
    assert "a hook failed while pages were built" in result.stdout + result.stderr
    assert gc.get_freeze_count() == 0


def test_a_freeze_of_the_embedding_program_is_left_to_it(tmp_path: Path) -> None:
    gc.freeze()
    held = gc.get_freeze_count()
    try:
        site = hooked_site(tmp_path)
        result = mkdocs_build(site, tmp_path / "out" / "site", FIXTURE_EPOCH)
        assert result.returncode == 0, result.stderr
        frozen = json.loads((tmp_path / "out" / "record.json").read_text(encoding="utf-8"))
        # statusgen froze nothing more (the program's frozen objects may die meanwhile)...
        assert frozen and max(frozen) <= held
        assert gc.get_freeze_count() > 0  # ...and thawed nothing of the program's
    finally:
        gc.unfreeze()
