"""widget.js: the status widget that other sites embed with one `<script>` tag.

The script itself is `templates/widget.js`; the build writes into it what it cannot know on
another site: the site's language and words (the banner's indicator words, the phase and type
labels, the widget's own strings) and the status colours of `palette.py`, as one JSON object.
It reads the site's own `api/v2/summary.json` at run time, so it never goes stale itself.
"""

from __future__ import annotations

from importlib import resources

from statusgen.model import PhaseStatus
from statusgen.palette import NO_DATA, STATUS_COLOURS, maintenance_colour
from statusgen.render.badges import INDICATOR_STATUS
from statusgen.render.locale import Translator
from statusgen.render.safejson import render_json

#: Where the build writes its settings into the script.
CONFIG_MARK = "/*STATUSGEN_WIDGET_CONFIG*/"
#: How often the widget reads summary.json when the embedding page does not say (seconds).
DEFAULT_INTERVAL = 60


def _source() -> str:
    return (resources.files("statusgen.render") / "templates" / "widget.js").read_text("utf-8")


def widget_config(t: Translator) -> dict[str, object]:
    """The language, words and colours the widget shows (its `CONFIG`)."""
    colours: dict[str, list[str]] = {
        impact.value: [STATUS_COLOURS[status].light, STATUS_COLOURS[status].dark]
        for impact, status in INDICATOR_STATUS.items()
    }
    maintenance = maintenance_colour()
    colours["maintenance"] = [maintenance.light, maintenance.dark]
    levels = list(colours)
    colours["unknown"] = [NO_DATA.light, NO_DATA.dark]
    return {
        "lang": t.language,
        "interval": DEFAULT_INTERVAL,
        "colours": colours,
        "strings": {
            "indicator": {level: t("indicator." + level) for level in colours if level in levels},
            "phase": {status.value: t("phase." + status.value) for status in PhaseStatus},
            "incident": t("type.incident"),
            "maintenance": t("type.maintenance"),
            "active": t("widget.active"),
            "loading": t("widget.loading"),
            "unavailable": t("widget.unavailable"),
            "view": t("widget.view"),
        },
    }


def render_widget(t: Translator) -> str:
    """widget.js with the site's language, words and colours written in."""
    source = _source()
    return source.replace(CONFIG_MARK, render_json(widget_config(t)))
