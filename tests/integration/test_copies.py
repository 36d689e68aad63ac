"""`PUBLISHED_BYTES` counts every copy: each text of an incident appears in a real build, of
either audience, at most as often as `statusgen check` counts it (render/preflight.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from statusgen.content import SiteLayout, check_site
from statusgen.render.preflight import (
    MESSAGE_COPIES,
    PAGE_COPIES,
    STATED_COPIES,
    TITLE_COPIES,
    Copies,
)
from tests.sitebuild import FIXTURE_BUILT, FIXTURE_EPOCH, fixture_site, mkdocs_build


def incident(key: str, components: list[str], updates: int, final: str) -> str:
    """An incident whose every text holds a marker unique to it (`qq<key><field>`)."""
    later = "".join(
        f"  - at: 2026-03-10T0{n}:00:00Z\n"
        f"    status: {final if n == updates - 1 else 'identified'}\n"
        f"    message: qq{key}message{n}\n"
        for n in range(1, updates)
    )
    affected = "".join(f"  {c}: partial_outage\n" for c in components)
    return (
        f"---\ntitle: qq{key}title\nimpact: major\ncomponents:\n{affected}"
        f"workaround: qq{key}workaround\nphases:\n"
        "  - at: 2026-03-10T00:00:00Z\n    status: investigating\n"
        f"    affected: qq{key}affected\n    message: qq{key}message0\n{later}---\nqq{key}body\n"
    )


def maintenance(key: str, updates: int) -> str:
    later = "".join(
        f"  - {{at: 2026-03-10T0{n}:00:00Z, status: scheduled, message: qq{key}message{n}}}\n"
        for n in range(1, updates)
    )
    return (
        f"---\ntitle: qq{key}title\ntype: maintenance\ncomponents: {{api: under_maintenance}}\n"
        "scheduled: {start: 2026-03-20T02:00:00Z, end: 2026-03-20T04:00:00Z}\n"
        f"workaround: qq{key}workaround\nphases:\n"
        "  - at: 2026-03-09T09:00:00Z\n    status: scheduled\n"
        f"    affected: qq{key}affected\n    message: qq{key}message0\n{later}---\nqq{key}body\n"
    )


INCIDENTS = {
    "incidents/2026-03-10-open.md": incident("open", ["api"], 2, "identified"),
    "incidents/2026-03-10-wide.md": incident("wide", ["api", "web", "payments"], 5, "monitoring"),
    "incidents/2026-03-10-over.md": incident("over", ["web", "payments"], 4, "resolved"),
    "incidents/2026-03-10-plan.md": maintenance("plan", 3),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fixture_site(tmp_path_factory.mktemp("copies"), incidents=INCIDENTS)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "timezone: UTC", "timezone: UTC\n      audience: !ENV [AUDIENCE, public]"
        )
    )
    return root


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_text_is_published_more_often_than_the_check_counts(
    site: Path, tmp_path: Path, audience: str
) -> None:
    result = mkdocs_build(site, tmp_path / "out", FIXTURE_EPOCH, env={"AUDIENCE": audience})
    assert result.returncode == 0, result.stderr
    output = b"".join(p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file())
    loaded, problems = check_site(SiteLayout(site), FIXTURE_BUILT)
    assert not problems
    found: dict[str, tuple[int, int]] = {}
    for each in (i for i in loaded.incidents if i.title.startswith("qq")):
        key = each.title.removeprefix("qq").removesuffix("title")
        fields: list[tuple[str, Copies]] = [
            ("title", TITLE_COPIES),
            ("affected", STATED_COPIES),
            ("workaround", PAGE_COPIES),
            ("body", PAGE_COPIES),
        ]
        fields += [(f"message{n}", MESSAGE_COPIES) for n in range(len(each.phases))]
        for field, copies in fields:
            marker = f"qq{key}{field}"
            found[marker] = (output.count(marker.encode()), copies.of(each))
    assert len(found) == 4 * 4 + (2 + 5 + 4 + 3)  # 4 fields, then each update's message
    over = {marker: counts for marker, counts in found.items() if counts[0] > counts[1]}
    assert not over, f"(published, counted) copies: {over}"
    assert all(published > 0 for published, _ in found.values()), found
