"""What a build holds of generated pages' bodies (`plugin/bodies.py`, issue 22's memory): with
no plugin that could read them elsewhere, each body is made just before the theme renders its
page and let go once written, every language's; with one (here a hook with `on_page_content`),
every body is given in `on_page_content` and held, as MkDocs does it. Both write the same
bytes. Hooks (MkDocs' `hooks:`) record what another plugin sees, and that a build loads
nothing only `mkdocs serve` or the network needs (its web server and file watcher, 3 MB;
ssl, 2 MB)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitebuild import FIXTURE_EPOCH, bilingual_fixture_site, mkdocs_build

INCIDENT = "incidents/2026-03-10-slow-website"

#: Records, per page, the body other plugins see while the page is built and whether the page
#: holds one after the build (written when the command ends: no `on_post_build`).
RECORD = """
import json
import sys
from pathlib import Path
from typing import Any

#: What only `mkdocs serve` (its web server, its file watcher) or the network needs.
UNNEEDED = ("mkdocs.livereload", "watchdog", "ssl", "http.client", "urllib.request")
seen = {}
pages = []
out = []


def on_config(config):
    out.append(Path(config["site_dir"], "..", "record.json"))


def on_page_context(context, page, config, nav):
    seen[page.file.src_uri] = len(page.content or "")
    pages.append(page)
    return context


def on_shutdown():
    out[0].write_text(json.dumps({
        "seen": seen,
        "content": {p.file.src_uri: len(p.content or "") for p in pages},
        "given": given,
        "unneeded": [m for m in sys.modules if m.startswith(UNNEEDED)],
    }))
"""
#: A plugin that reads bodies in `on_page_content`: statusgen holds them then.
READER = """

def on_page_content(html, page, config, files):
    given[page.file.src_uri] = len(html)
    return html
"""


def build(tmp_path: Path, reader: bool) -> tuple[dict[str, bytes], dict[str, Any]]:
    site = bilingual_fixture_site(tmp_path / "src")
    hook = RECORD + "\ngiven = {}\n" + (READER if reader else "")
    (site / "record_hook.py").write_text(hook, encoding="utf-8")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "hooks:\n  - record_hook.py\n", encoding="utf-8"
    )
    out = tmp_path / "out" / "site"
    result = mkdocs_build(site, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    written = {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }
    record = json.loads((tmp_path / "out" / "record.json").read_text(encoding="utf-8"))
    return written, record


def test_bodies_are_made_per_page_and_let_go_unless_a_plugin_reads_them(tmp_path: Path) -> None:
    lean, record = build(tmp_path / "lean", reader=False)
    held, held_record = build(tmp_path / "held", reader=True)
    generated = [f"{INCIDENT}.md", f"fr/{INCIDENT}.md", "index.md", "history/index.md"]
    for src in generated:  # every plugin's on_page_context sees each body, in both builds
        assert record["seen"][src] > 1000, src
        assert held_record["seen"][src] == record["seen"][src], src
    # without a reader, nothing is held after the build, every language's page alike
    assert all(record["content"][src] == 0 for src in generated)
    # a hand-written page keeps its body
    assert record["content"]["about.md"] > 0
    # a plugin reading on_page_content gets the generated bodies, which stay held (English;
    # French pages, left out of search, are let go as before)
    assert held_record["given"][f"{INCIDENT}.md"] == record["seen"][f"{INCIDENT}.md"]
    assert held_record["content"][f"{INCIDENT}.md"] > 1000
    assert held_record["content"][f"fr/{INCIDENT}.md"] == 0
    # and the site is the same, byte for byte
    assert held.keys() == lean.keys()
    assert [path for path in held if held[path] != lean[path]] == []
    assert record["unneeded"] == held_record["unneeded"] == []
    page = lean[f"{INCIDENT}/index.html"].decode()
    assert 'class="sg-phase' in page and "Pages load slowly." in page
