"""An update's head on the timeline (render/updatehead.py) is byte for byte what the
template wrote before it moved to Python, in every status, language, zone and audience."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import jinja2
import pytest

from statusgen.clock import iso_utc
from statusgen.model import Audience, Phase, PhaseStatus
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.updatehead import update_head

#: incident.html's update head as it was written in the template (autoescaped).
TEMPLATE = """\
{%- set status = p.phase.status.value %}
<p class="sg-update-head"><span class="sg-phase sg-p-{{ status }}">{{ t("phase." ~ status) }}</span> <a class="sg-anchor" href="#{{ p.phase.anchor }}"><time datetime="{{ iso(p.phase.at) }}" data-style="datetime">{{ fmt.datetime(p.phase.at) }}</time></a>
{%- if p.phase.audience.value == "internal" %} <span class="sg-internal">{{ t("audience.internal") }}</span>{% endif %}</p>"""  # noqa: E501


class Update:
    def __init__(self, phase: Phase) -> None:
        self.phase = phase


@pytest.mark.parametrize("language", ["en", "fr", "de", "nl"])
@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "Asia/Kolkata"])
def test_head_is_the_templates(language: str, zone: str) -> None:
    t = Translator(language)
    fmt = TimeFormatter(ZoneInfo(zone), t)
    template = jinja2.Environment(
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined
    ).from_string(TEMPLATE)
    at = datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC)  # a summer-time change in Paris
    heads = 0
    for number, status in enumerate(PhaseStatus):
        for audience in Audience:
            for same_time_before in (0, 2):
                phase = Phase(
                    at=at + timedelta(minutes=61 * number),
                    status=status,
                    message="<b>not in the head</b>",
                    audience=audience,
                    same_time_before=same_time_before,
                )
                expected = template.render(p=Update(phase), t=t, fmt=fmt, iso=iso_utc)
                assert str(update_head(phase, t, fmt)) == expected
                heads += 1
    assert heads == len(PhaseStatus) * len(Audience) * 2


def test_words_are_escaped() -> None:
    t = Translator("en")
    t._found["phase.resolved"] = "Fixed <now> & done"
    head = update_head(
        Phase(at=datetime(2026, 1, 1, tzinfo=UTC), status=PhaseStatus.RESOLVED, message=""),
        t,
        TimeFormatter(UTC, t),
    )
    assert ">Fixed &lt;now&gt; &amp; done</span>" in head
