"""Property: `statusgen check` accepts a site ⇔ a build of each audience succeeds.

Hypothesis generates whole valid sites (`strategies.status_sites`: components added mid-month,
internal components, month-long outages, incidents open for months, maintenance, internal
incidents and internal-only updates) and sometimes a docs_dir that gets in the way (a
hand-written file where statusgen publishes one, an `exclude_docs` that hides it or that would
leave one of statusgen's files out). Each site is written as files, then:

- `statusgen check` runs on it (in process, as the command line runs it), and
- the plugin builds it in process (`plugin_build`): MkDocs' own config
  loading, file collection and exclusions, then the plugin's build events, which add every
  file of the publication plan and render every generated page's body (where the build
  makes it: in `on_page_content`, or just before the theme renders the page, `fill_body`).
  This is every step of `mkdocs build` that statusgen takes part in; what it leaves out
  (Material's templates around the bodies, writing files) does not read the content. It
  costs a fraction of a real build, so 100 sites run in the suite, each built for both
  audiences (the check renders both already; a site per audience drawn cost the check and the
  drawing of the site twice per audience built): when check accepts, both audiences must
  build; when check refuses, the audiences build until one fails, and one must.
- `test_check_agrees_with_real_builds` runs fewer sites through real `mkdocs build --strict`
  runs of both audiences (in process, `sitebuild.mkdocs_build`), the whole of MkDocs and
  Material included.

`make bench` runs the in-process property on 2,000 sites (`STATUSGEN_PROPERTY_EXAMPLES`).
Runs are reproducible (`derandomize=True`, no example database).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pytest
from checkruns import check
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from sitebuild import EXAMPLE_EPOCH, environment, mkdocs_build, write_site
from strategies import CATALOG, NOW, status_sites

from statusgen.content.writing import quote, render_incident_file
from statusgen.model import Audience, StatusSite
from statusgen.plugin import StatusgenPlugin
from statusgen.plugin.latebodies import fill_late

NOW_ARG = "2026-11-23T12:00:00Z"
assert int(NOW.timestamp()) == int(EXAMPLE_EPOCH)
#: Sites the in-process property runs on (`make bench` raises it), each built for both
#: audiences. 100: a fault that only one of the 11 `DOCS_DIRS` and one of the two audiences
#: bring out (as `site_name: ""` was, before its `@example`) is in about 1 example in 11, and
#: 100 examples miss it with odds of about 1 in 14,000 ((10/11)**100). The 200 examples that
#: each built one audience, drawn, missed it about 1 time in 11,000 ((21/22)**200), building
#: as many sites per audience and checking twice as many sites.
EXAMPLES = int(os.environ.get("STATUSGEN_PROPERTY_EXAMPLES", "100"))
SETTINGS = dict(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MKDOCS_YML = """
site_name: {name}
site_url: https://status.test/
theme:
  name: material
  font: false
plugins:
  - statusgen:
      audience: !ENV [STATUSGEN_AUDIENCE, public]
{extra}
"""


@dataclass(frozen=True)
class DocsDir:
    """Hand-written files and the `exclude_docs` patterns of a generated site, and its name."""

    files: tuple[str, ...] = ()
    exclude: str = ""
    #: MkDocs accepts an empty name, which once crashed the build on its feeds, check accepting.
    name: str = "Property Status"


#: A hand-written file in statusgen's way, alone or excluded, and patterns that would leave
#: out statusgen's own files.
DOCS_DIRS = st.sampled_from(
    [
        DocsDir(),
        DocsDir(("about.md",)),
        DocsDir(("feed.rss",)),
        DocsDir(("components/c0.md",)),
        DocsDir(("badges/_page.svg",)),
        DocsDir(("report/index.md",)),
        DocsDir(("feed.rss", "components/c0.md"), "feed.rss\ncomponents/\n"),
        DocsDir((), "*.ics\n"),
        DocsDir((), "api/\n"),
        DocsDir(("drafts/x.md",), "drafts/\n"),
        DocsDir(name='""'),
    ]
)


def components_yml(site: StatusSite) -> str:
    """components.yml for the site's catalog."""
    lines = ["groups:"]
    for group in site.catalog.groups:
        lines += [f"  - name: {quote(group.name)}", "    components:"]
        for component in group.components:
            lines += [f"      - id: {component.id}", f"        name: {quote(component.name)}"]
            if component.sla is not None:
                lines.append(f"        sla: {component.sla}")
            if component.since is not None:
                since = component.since
                written = since.date().isoformat() if since.time() == since.min.time() else since
                lines.append(f"        since: {quote(str(written).replace(' ', 'T'))}")
            if component.audience is Audience.INTERNAL:
                lines.append("        audience: internal")
    return "\n".join(lines) + "\n"


def write_status_site(root: Path, site: StatusSite, docs: DocsDir) -> Path:
    """The site as files: mkdocs.yml, components.yml, incidents, docs_dir."""
    extra = ""
    if docs.exclude:
        extra = "exclude_docs: |\n" + "".join(f"  {line}\n" for line in docs.exclude.split())
    files = {"mkdocs.yml": MKDOCS_YML.format(name=docs.name, extra=extra), "components.yml": ""}
    files.update({f"docs/{name}": "Hand-written.\n" for name in docs.files})
    write_site(root, files)
    (root / "components.yml").write_text(components_yml(site), encoding="utf-8")
    for incident in site.incidents:
        path = root / incident.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_incident_file(incident), encoding="utf-8")
    return root


def plugin_build(root: Path, audience: Audience) -> str | None:
    """Build the site for `audience` as `mkdocs build` runs the plugin, in process: None when
    it succeeds, else MkDocs' error. Any other exception is a crash and propagates."""
    with environment(SOURCE_DATE_EPOCH=EXAMPLE_EPOCH, STATUSGEN_AUDIENCE=audience.value):
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        plugins = config.plugins  # MkDocs' own dispatch, as `mkdocs build` calls the plugin
        plugin = plugins["statusgen"]
        assert isinstance(plugin, StatusgenPlugin)
        try:
            config = plugins.on_config(config)
            files = plugins.on_files(get_files(config), config=config)
            set_exclusions(files, config)
            for file in files:
                left_out = file.inclusion in (InclusionLevel.EXCLUDED, InclusionLevel.DRAFT)
                assert not (file.generated_by and left_out), f"{file.src_uri} would be left out"
                if file.src_uri in plugin.pages:
                    page = Page(None, file, config)
                    plugins.on_page_markdown("", page=page, config=config, files=files)
                    page.content = plugins.on_page_content(
                        "", page=page, config=config, files=files
                    )
                    if plugin.deferred(page):  # its body made just before the theme renders it
                        context = cast(TemplateContext, {})  # the bodies read none of it
                        nav = Navigation([], [])
                        plugin.fill_body(context, page=page, config=config, nav=nav)
                        # a body left out of search, made after search passed the page
                        fill_late(plugin, context, page=page, config=config, nav=nav)
                    assert page.content
                elif file.generated_by:
                    assert file.content_bytes is not None
        except PluginError as error:
            return str(error)
        finally:
            plugins.on_post_build(config=config)
    return None


def assert_agree(
    root: Path, build: Callable[[Audience], str | None], accepted: Sequence[Audience]
) -> None:
    """check's verdict on the site in `root` against `build` (an audience -> None when it
    builds, else the error): when check accepts, each audience of `accepted` must build; when
    check refuses, some audience must fail (tried `accepted` first, up to the first failure)."""
    code, output = check(root, NOW_ARG)
    assert "Traceback" not in output, output
    event("check accepts" if code == 0 else "check refuses")
    if code == 0:
        failed = {
            audience: error for audience in accepted if (error := build(audience)) is not None
        }
        assert not failed, f"check accepted, but the build failed: {failed}"
    else:
        assert code == 1, output
        order = [*accepted, *(audience for audience in Audience if audience not in accepted)]
        assert any(build(audience) is not None for audience in order), (
            f"check refused what builds:\n{output}"
        )


@pytest.mark.long(seconds=18)
@settings(max_examples=EXAMPLES, **SETTINGS)  # type: ignore[arg-type]
@given(status_sites(), DOCS_DIRS)
# Found by the suite: the feeds crashed (both audiences).
@example(StatusSite(CATALOG, ()), DocsDir(name='""'))
def test_check_accepts_exactly_what_the_plugin_builds(site: StatusSite, docs: DocsDir) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_status_site(Path(folder), site, docs)
        assert_agree(root, lambda built: plugin_build(root, built), list(Audience))


@pytest.mark.long(seconds=5)
@settings(max_examples=10, **SETTINGS)  # type: ignore[arg-type]
@given(status_sites(max_incidents=4), DOCS_DIRS)
def test_check_agrees_with_real_builds(site: StatusSite, docs: DocsDir) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_status_site(Path(folder), site, docs)

        def build(audience: Audience) -> str | None:
            done = mkdocs_build(
                root,
                root / f"site-{audience.value}",
                EXAMPLE_EPOCH,
                env={"STATUSGEN_AUDIENCE": audience.value},
            )
            assert "Traceback" not in done.stderr, done.stderr
            return None if done.returncode == 0 else done.stderr

        assert_agree(root, build, list(Audience))
