"""Status badges as a build renders them (tests/siteoutputs.py, no `mkdocs build`): an SVG and a
shields.io endpoint document for the page and for each component, in every page state. One real
build's badges are checked in tests/integration/test_outputs.py."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax import saxutils

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from models import component, incident, maintenance, phase, site
from moments import at
from siteoutputs import outputs_of

from statusgen.model import Incident
from statusgen.render.badges import escape

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "schemas/shields-endpoint.schema.json").read_text()
)
SVG = "{http://www.w3.org/2000/svg}"
NOW = at("2026-03-10T12:00Z")
API = component("api", "Core", name="Public API")
WEB = component("web", "Core", name="Website")


def outage(impact: str, status: str) -> Incident:
    return incident(
        "2026-03-10-errors",
        {"web": status},
        phase("2026-03-10T11:00Z", "investigating"),
        impact=impact,
    )


WINDOW = maintenance("2026-03-10-works", "2026-03-10T11:00Z", "2026-03-10T13:00Z")


@pytest.mark.parametrize(
    ("incidents", "page", "web"),
    [
        ((), ("all systems operational", "brightgreen"), ("operational", "brightgreen")),
        (
            (outage("minor", "degraded_performance"),),
            ("minor service outage", "yellow"),
            ("degraded performance", "yellow"),
        ),
        (
            (outage("major", "partial_outage"),),
            ("partial system outage", "orange"),
            ("partial outage", "orange"),
        ),
        (
            (outage("critical", "major_outage"),),
            ("major system outage", "red"),
            ("major outage", "red"),
        ),
        ((WINDOW,), ("service under maintenance", "blue"), ("operational", "brightgreen")),
    ],
    ids=["operational", "minor", "major", "critical", "maintenance"],
)
def test_page_and_component_badges_say_the_status_in_words_and_colour(
    incidents: tuple[Incident, ...], page: tuple[str, str], web: tuple[str, str]
) -> None:
    outputs = outputs_of(site(*incidents, components=(API, WEB)), NOW)
    for name, label, (message, color) in (
        ("_page", "Test Status", page),
        ("web", "Website", web),
        (
            "api",
            "Public API",
            ("under maintenance", "blue")
            if incidents == (WINDOW,)
            else ("operational", "brightgreen"),
        ),
    ):
        document = json.loads(outputs[f"badges/{name}.json"])
        jsonschema.validate(document, SCHEMA)
        assert document == {
            "schemaVersion": 1,
            "label": label,
            "message": message,
            "color": color,
            "cacheSeconds": 300,
        }, name
        svg = ET.fromstring(outputs[f"badges/{name}.svg"])
        assert svg.get("role") == "img" and svg.get("aria-label") == f"{label}: {message}"
        assert svg.findtext(f"{SVG}title") == f"{label}: {message}"
        assert [t.text for t in svg.iter(f"{SVG}text")] == [label, message]


def test_a_hostile_name_is_text_in_the_badge() -> None:
    hostile = component("web", "Core", name='Web <script>"x"</script> & co')
    outputs = outputs_of(site(components=(hostile,)), NOW, name="A&B <Status>")
    svg = ET.fromstring(outputs["badges/web.svg"])  # well-formed XML: everything escaped
    assert svg.findtext(f"{SVG}title") == 'Web <script>"x"</script> & co: operational'
    assert svg.get("aria-label") == 'Web <script>"x"</script> & co: operational'
    assert "<script>" not in str(outputs["badges/web.svg"])
    page = ET.fromstring(outputs["badges/_page.svg"])
    assert [t.text for t in page.iter(f"{SVG}text")] == ["A&B <Status>", "all systems operational"]
    assert json.loads(outputs["badges/web.json"])["label"] == 'Web <script>"x"</script> & co'


@given(st.text())
def test_badge_text_is_escaped_as_xml_sax_writes_it(text: str) -> None:
    assert escape(text) == saxutils.escape(text)
    assert escape(text, quotes=True) == saxutils.escape(text, {'"': "&quot;"})
