"""Time statusgen's load + validate + derive on a corpus, in a fresh process; print JSON.

    python -m benchmarks.load_probe SITE_ROOT

The steps are the ones the plugin runs before MkDocs renders anything: `check_site` (read and
validate every file), the public audience filter, and `build_snapshot` (timelines, uptime,
bars, every incident's Markdown converted once), then the archive's two JSON indexes.
"""

from __future__ import annotations

import json
import sys
import time
from functools import partial
from pathlib import Path


def _compact_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def main(argv: list[str]) -> int:
    """Run the probe on argv[0] and print one JSON object."""
    started = time.perf_counter()
    from benchmarks.corpus import NOW
    from statusgen.content import SiteLayout, check_site
    from statusgen.derive.audience import for_audience
    from statusgen.derive.snapshot import build_snapshot
    from statusgen.options import DEFAULTS
    from statusgen.render.archive import (
        archive_years,
        build_archive_index,
        build_text_part,
        build_year_rows,
        text_parts,
    )
    from statusgen.render.live import duration_text
    from statusgen.render.locale import TimeFormatter, Translator

    imported = time.perf_counter()
    layout = SiteLayout(Path(argv[0]))
    c0 = time.process_time()
    t0 = time.perf_counter()
    site, problems = check_site(layout, NOW)
    t1 = time.perf_counter()
    public = for_audience(site, "public")
    t2 = time.perf_counter()
    view = build_snapshot(public, NOW, DEFAULTS.history_days)
    t3 = time.perf_counter()
    c3 = time.process_time()
    t = Translator("en")
    describe = partial(duration_text, t=t, fmt=TimeFormatter(view.zone, t))
    index = _compact_json(build_archive_index(view))
    search = ""
    for year in archive_years(view):
        _compact_json(build_year_rows(view, year, describe))
        for part in text_parts(view, year):
            search += _compact_json(build_text_part(view, year, part))
    t4 = time.perf_counter()
    print(
        json.dumps(
            {
                "incidents": len(site.incidents),
                "problems": len(problems),
                "import_s": imported - started,
                "check_s": t1 - t0,
                "audience_s": t2 - t1,
                "derive_s": t3 - t2,
                "load_validate_derive_s": t3 - t0,
                "load_validate_derive_cpu_s": c3 - c0,
                "archive_index_s": t4 - t3,
                "archive_index_bytes": len(index.encode()),
                "archive_search_bytes": len(search.encode()),
            }
        )
    )
    return 0 if not problems else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
