"""What a site in several languages holds while MkDocs builds it: a French generated page's
body (left out of search) is made just before the theme renders it and let go once written,
yet every plugin's `on_page_context` and the written page have it; a generated file's
content is made when read and written the same. A hook (MkDocs' `hooks:`) records what
another plugin sees."""

from __future__ import annotations

import json
from pathlib import Path

from sitebuild import FIXTURE_EPOCH, bilingual_fixture_site, mkdocs_build

INCIDENT = "incidents/2026-03-10-slow-website"

#: A hook that records, per page, the body other plugins see while the page is built and
#: what the page holds after the build, and what a generated file reads as.
HOOK = """
import json
from pathlib import Path

seen = {}
pages = []
site_files = []


def on_files(files, config):
    site_files.append(files)  # after statusgen's: its files are there, not yet made
    return files


def on_page_context(context, page, config, nav):
    seen[page.file.src_uri] = len(page.content or "")
    pages.append(page)
    return context


def on_post_build(config):
    feed = site_files[0].get_file_from_path("fr/feed.rss")
    Path(config["site_dir"], "..", "record.json").write_text(json.dumps({
        "seen": seen,
        "after": {p.file.src_uri: p.content is None for p in pages},
        "feed": feed.content_string,
    }))
"""


def build_with_hook(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    site = bilingual_fixture_site(tmp_path / "src")
    (site / "record_hook.py").write_text(HOOK, encoding="utf-8")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "hooks:\n  - record_hook.py\n", encoding="utf-8"
    )
    out = tmp_path / "out" / "site"
    result = mkdocs_build(site, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    return out, json.loads((tmp_path / "out" / "record.json").read_text(encoding="utf-8"))


def test_a_french_page_body_is_there_while_built_and_let_go_after(tmp_path: Path) -> None:
    out, record = build_with_hook(tmp_path)
    seen, after = record["seen"], record["after"]
    assert isinstance(seen, dict) and isinstance(after, dict)
    french = f"fr/{INCIDENT}.md"
    english = f"{INCIDENT}.md"
    # other plugins see the French body while the page is built, as they see the English one
    assert seen[french] > 1000 and seen[english] > 1000
    # written whole: the page's body is in the file
    written = (out / "fr" / INCIDENT / "index.html").read_text(encoding="utf-8")
    assert 'class="sg-phase' in written and "Pages load slowly." in written
    # then let go; the default language's body (in search) is kept for whatever reads it
    assert after[french] is True
    assert after[english] is False
    # a hand-written French page (not generated) keeps its body
    assert after["about.fr.md"] is False


def test_a_generated_file_reads_as_it_is_written(tmp_path: Path) -> None:
    out, record = build_with_hook(tmp_path)
    assert record["feed"] == (out / "fr" / "feed.rss").read_text(encoding="utf-8")
    assert "<language>fr</language>" in str(record["feed"])
