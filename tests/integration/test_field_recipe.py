"""The recipe "An update field" (docs/architecture.md) held true: a toy field, declared only
in the registry (`content/fieldregistry.FIELDS`) and given its words, is read from an incident
file (a bad value, or a value where the declaration does not allow it, a problem at its line),
written back by the one writer, taken by the command line, published in the JSON schema, and
shown on the incident page, in the feed entry, in the notification and by `statusgen status`,
with no other code naming it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC
from pathlib import Path

import feedparser
import jsonschema
import pytest
from contentfiles import front_matter
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitebuild import FIXTURE_BUILT, FIXTURE_EPOCH, OPEN, UPCOMING_MAINTENANCE, fixture_site

from statusgen.cli import main
from statusgen.content import SiteLayout, budgets, check_site, fieldregistry
from statusgen.content.alertfields import updates_digest
from statusgen.content.budgets import Budget
from statusgen.content.fieldregistry import Place, UpdateField, published_schema
from statusgen.content.writing import append_phase
from statusgen.model import Phase, PhaseStatus, StatusSite
from statusgen.notify.channels import slack_payload
from statusgen.notify.updates import published_notices
from statusgen.render import locale
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.urls import SiteUrls
from tests.notifynotices import SITE

TOY = UpdateField(
    name="region",
    key="region",
    label="region.title",
    flag="--region",
    description="The region affected. Plain text on one line. Optional; default: none. "
    "Example: eu-west",
    example="eu-west",
    budget="REGION",
    help="the region affected",
    css="sg-region",
)
PATH = "incidents/2026-03-10-slow-website.md"
HOSTILE = 'EU <b>west</b> & "north" #2'
#: The fixture's open incident, its first update stating a region.
TOY_INCIDENT: str = OPEN.replace(
    "    next_update: 2026-03-10T12:30:00Z\n", '    region: "EU <b>west</b> & \\"north\\" #2"\n'
)


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The toy field registered, and its words in English (render/locales/en.yml)."""
    monkeypatch.setattr(fieldregistry, "FIELDS", (*fieldregistry.FIELDS, TOY))
    monkeypatch.setattr(budgets, "REGION", Budget(40, "characters", "a short name"), False)
    monkeypatch.setitem(locale._strings("en"), "region.title", "Region")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    monkeypatch.setenv("STATUSGEN_CACHE", "off")
    yield


def load(root: Path) -> tuple[StatusSite, list[str]]:
    site, problems = check_site(SiteLayout(root), FIXTURE_BUILT)
    return site, [str(p) for p in problems]


def cli(root: Path, *args: str) -> int:
    return main(["-C", str(root), "--now", "2026-03-10T12:00:00Z", *args])


def incident_with(region: str) -> str:
    return TOY_INCIDENT.replace('"EU <b>west</b> & \\"north\\" #2"', region)


def test_unregistered_the_key_is_refused_at_its_line(tmp_path: Path) -> None:
    """Without the declaration the key is unknown: the registry is what lets it in."""
    _, problems = load(fixture_site(tmp_path, incidents={PATH: TOY_INCIDENT}))
    assert len(problems) == 1 and f"{PATH}:" in problems[0] and "'region'" in problems[0]


@pytest.mark.usefixtures("toy")
def test_the_field_is_read_and_a_bad_value_is_a_problem_at_its_line(tmp_path: Path) -> None:
    site, problems = load(fixture_site(tmp_path / "good", incidents={PATH: TOY_INCIDENT}))
    assert problems == []
    incident = next(i for i in site.incidents if i.path == PATH)
    assert dict(incident.phases[0].stated) == {"region": HOSTILE}
    lines = TOY_INCIDENT.lstrip("\n").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "region:" in text)
    for bad, expected in (
        (
            '"two\\nlines"',
            'region text holds several lines; expected one short line, like region: "eu-west"',
        ),
        ("[eu]", "region text"),
        ('"' + "x" * 41 + '"', "41 characters; expected at most 40"),
    ):
        root = fixture_site(tmp_path / str(len(bad)), incidents={PATH: incident_with(bad)})
        _, problems = load(root)
        assert len(problems) == 1, problems
        assert problems[0].startswith(f"{PATH}:{line}: ") and expected in problems[0]


@pytest.mark.usefixtures("toy")
def test_a_field_for_incidents_only_is_refused_on_a_maintenance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incidents_only = replace(TOY, places=frozenset({Place.INCIDENT}))
    monkeypatch.setattr(fieldregistry, "FIELDS", (*fieldregistry.FIELDS[:-1], incidents_only))
    maintenance = UPCOMING_MAINTENANCE.replace(
        "    status: scheduled\n", "    region: EU\n    status: scheduled\n"
    )
    path = "incidents/2026-03-20-database-upgrade.md"
    _, problems = load(fixture_site(tmp_path, incidents={path: maintenance}))
    assert problems == [
        f"{path}:8: 'region' is for incidents; expected it only on an incident's updates"
    ]
    monkeypatch.setattr(fieldregistry, "FIELDS", (*fieldregistry.FIELDS[:-1], TOY))
    _, problems = load(fixture_site(tmp_path / "both", incidents={path: maintenance}))
    assert problems == []


@pytest.mark.usefixtures("toy")
def test_the_writer_writes_it_back_and_the_command_line_takes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path, incidents={PATH: TOY_INCIDENT})
    text = (root / PATH).read_text()
    phase = Phase(
        at=FIXTURE_BUILT,
        status=PhaseStatus.IDENTIFIED,
        message="Found it.",
        stated={"region": 'US \u2028east: "all"'},
    )
    (root / PATH).write_text(append_phase(text, phase))
    site, problems = load(root)
    incident = next(i for i in site.incidents if i.path == PATH)
    assert problems == [] and dict(incident.last_phase.stated) == {"region": phase.stated["region"]}
    update = ["update", "2026-03-10-slow-website", "--status", "monitoring", "--message", "Out."]
    assert cli(root, *update, "--region", "APAC") == 0
    assert '    region: "APAC"\n' in (root / PATH).read_text()
    site, problems = load(root)
    incident = next(i for i in site.incidents if i.path == PATH)
    assert problems == [] and dict(incident.last_phase.stated) == {"region": "APAC"}
    capsys.readouterr()
    assert cli(root, "status") == 0
    assert "\n      region: APAC\n" in capsys.readouterr().out


@pytest.mark.usefixtures("toy")
def test_the_command_line_takes_it_in_each_of_the_sites_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_site(tmp_path, extra="      languages: [en, fr]", incidents={PATH: OPEN})
    update = ["update", "2026-03-10-slow-website", "--status", "monitoring"]
    args = ["--message", "Out.", "--message-fr", "Sorti.", "--region", "EU", "--region-fr", "UE"]
    assert cli(root, *update, *args) == 0
    assert '    region:\n      en: "EU"\n      fr: "UE"\n' in (root / PATH).read_text()
    site, _ = check_site(SiteLayout(root, languages=("en", "fr")), FIXTURE_BUILT)
    incident = next(i for i in site.incidents if i.path == PATH)
    assert incident.last_phase.translations["fr"] == {"message": "Sorti.", "region": "UE"}
    capsys.readouterr()
    assert cli(root, *update, "--message", "Out.", "--region-fr", "UE") == 2
    assert "--region-fr without --region" in capsys.readouterr().err


@pytest.mark.usefixtures("toy")
def test_the_published_schema_describes_it() -> None:
    schema = json.loads(published_schema("incident.schema.json"))
    update = schema["properties"]["phases"]["items"]["properties"]
    assert list(update)[-3:] == ["region", "components", "audience"]
    assert update["region"]["maxLength"] == 40
    assert update["region"]["description"] == TOY.description
    document = front_matter(TOY_INCIDENT.lstrip("\n"))
    jsonschema.validate(document, schema)
    document["phases"][0]["region"] = "two\nlines"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


@pytest.mark.usefixtures("toy")
def test_it_shows_on_the_incident_page_in_the_feed_and_in_the_notification(
    tmp_path: Path,
) -> None:
    root = fixture_site(tmp_path, incidents={PATH: TOY_INCIDENT})
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    shown = "<strong>Region:</strong> EU &lt;b&gt;west&lt;/b&gt; &amp; &#34;north&#34; #2"
    page = (root / "site/incidents/2026-03-10-slow-website/index.html").read_text()
    assert f'<p class="sg-region">{shown}</p>' in page  # beside the components
    assert f'<p class="sg-meta sg-region">{shown}</p>' in page  # under the update
    feed = feedparser.parse((root / "site/feed.rss").read_bytes())
    entry = next(e for e in feed.entries if e.title.endswith("Slow website"))
    assert "<strong>Region:</strong> EU &lt;b&gt;west&lt;/b&gt; &amp; &quot;north&quot; #2" in (
        entry.description
    )
    site, _ = load(root)
    t = Translator("en")
    urls = SiteUrls.without_build(SITE.url, True)
    notices = published_notices(
        site, FIXTURE_BUILT, urls, t, TimeFormatter(UTC, t), MarkdownRenderer()
    )
    notice = next(n for n in notices if n.incident.path == PATH)
    assert ("Region", HOSTILE) in notice.facts
    sent = json.dumps(slack_payload(notice, SITE), ensure_ascii=False)  # structured text
    assert '{"type": "text", "text": "Region: "' in sent and json.dumps(HOSTILE) in sent


def test_an_alerts_digest_follows_the_field() -> None:
    """`statusgen alert` knows a person edited the updates by their digest: a registered
    field's change changes it too (no field named in content/alertfields.py)."""
    phase = Phase(at=FIXTURE_BUILT, status=PhaseStatus.INVESTIGATING, message="Slow.")
    stated = [replace(phase, stated={"region": region}) for region in ("EU", "US")]
    digests = {updates_digest([each]) for each in (phase, *stated)}
    assert len(digests) == 3
