"""`statusgen check` makes every page and file the build makes, for both audiences, so a
failure while rendering stops the check (at the content file the page shows, without a
traceback) before it can stop the build; and the publication plan lists exactly what a
build publishes."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sitebuild import FIXTURE_EPOCH, fixture_site, mkdocs_build
from test_customisation import with_custom_dir

from statusgen.cli import main
from statusgen.content import check_site
from statusgen.content.docsdir import output_url
from statusgen.model import Audience
from statusgen.options import Options
from statusgen.render.plan import SiteSettings, plan_site

NOW_ARG = "2026-03-10T12:00:00Z"
NOW = datetime.fromtimestamp(int(FIXTURE_EPOCH), UTC)
#: An override of statusgen's incident page that fails on one incident only, as a page can
#: fail on content its template did not foresee.
FAILING_INCIDENT = """<h1>{{ incident.incident.title }}</h1>
{% if incident.incident.title == "Slow website" %}{{ 1 / 0 }}{% endif %}
"""
#: An override of the reports that fails on one component's report only.
FAILING_REPORT = """<h1>{{ component_id or "site" }}</h1>
{% if component_id == "web" %}{{ none_such.x }}{% endif %}
"""


def check(root: Path) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(["-C", str(root), "--now", NOW_ARG, "check"])
    return code, out.getvalue()


def test_a_page_that_fails_to_render_fails_the_check_at_its_incident(tmp_path: Path) -> None:
    root = with_custom_dir(
        fixture_site(tmp_path / "src"), {"statusgen/incident.html": FAILING_INCIDENT}
    )
    code, output = check(root)
    assert code == 1, output
    assert "Traceback" not in output
    problem = (
        "incidents/2026-03-10-slow-website.md:1: the public site's page "
        "incidents/2026-03-10-slow-website/index.html cannot be rendered "
        "(ZeroDivisionError: division by zero)"
    )
    assert problem in output, output
    assert "internal site's page incidents/2026-03-10-slow-website" in output
    assert "api-errors" not in output  # the other incident's page renders
    built = mkdocs_build(root, tmp_path / "site", FIXTURE_EPOCH)
    assert built.returncode != 0  # what the check refused, the build cannot publish


def test_a_component_report_that_fails_names_the_component(tmp_path: Path) -> None:
    root = with_custom_dir(
        fixture_site(tmp_path / "src"), {"statusgen/report.html": FAILING_REPORT}
    )
    code, output = check(root)
    assert code == 1, output
    assert "Traceback" not in output
    # components.yml line 7 is `- id: web`
    assert "components.yml:7: the public site's page components/web/report/index.html" in output
    assert "components/api/report" not in output


def test_an_empty_site_name_is_refused_by_check_and_build(tmp_path: Path) -> None:
    # MkDocs accepts `site_name: ""`; the feeds cannot be written without a title, so the
    # build crashed with a traceback after the check accepted the site.
    root = fixture_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Test Status", 'site_name: ""'))
    code, output = check(root)
    assert code == 1
    assert "mkdocs.yml: site_name is empty; expected the site's name" in output
    built = mkdocs_build(root, tmp_path / "site", FIXTURE_EPOCH)
    assert built.returncode == 1
    assert "Traceback" not in built.stderr
    assert "site_name is empty; expected the site's name" in built.stderr


#: What MkDocs and Material publish of their own.
THEIRS = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/", "assets/")


@pytest.mark.parametrize("audience", list(Audience))
def test_the_plan_lists_exactly_what_the_build_publishes(
    tmp_path: Path, audience: Audience
) -> None:
    root = fixture_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("timezone: UTC", f"timezone: UTC\n      audience: {audience}"))
    built = mkdocs_build(root, tmp_path / "site", FIXTURE_EPOCH)
    assert built.returncode == 0, built.stderr
    published = {
        path.relative_to(tmp_path / "site").as_posix()
        for path in (tmp_path / "site").rglob("*")
        if path.is_file()
    }
    options = Options()
    site, problems = check_site(options.layout(root), NOW)
    assert not problems
    settings = SiteSettings("Test Status", options, "en", output_url, "https://status.test/")
    planned = {item.dest(True) for item in plan_site(site, audience, NOW, settings)}
    ours = {
        path
        for path in published
        if not path.startswith(THEIRS) or path.startswith("assets/statusgen/")
    }
    assert planned == ours
    assert len(planned) > 50  # pages, feeds, API, badges, reports, assets, schemas
