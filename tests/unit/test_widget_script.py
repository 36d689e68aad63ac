"""widget.js as the build writes it: valid JavaScript, small, in the site's language and with the
palette's colours."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from statusgen.model import ComponentStatus
from statusgen.palette import STATUS_COLOURS
from statusgen.render.locale import Translator
from statusgen.render.widget import render_widget

LANGUAGES = ("en", "fr", "de", "nl")


def config_of(script: str) -> dict[str, object]:
    """The settings object the build wrote into the script."""
    start = script.index("var CONFIG = ") + len("var CONFIG = ")
    end = script.index(";\n", start)
    data: dict[str, object] = json.loads(script[start:end])
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_widget_is_small_valid_javascript(language: str, tmp_path: Path) -> None:
    script = render_widget(Translator(language))
    assert len(gzip.compress(script.encode("utf-8"), 9)) < 5 * 1024
    node = shutil.which("node")
    assert node, "node is needed to check widget.js (Debian's nodejs)"
    path = tmp_path / "widget.js"
    path.write_text(script, encoding="utf-8")
    result = subprocess.run([node, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_widget_speaks_the_sites_language_with_the_palettes_colours() -> None:
    config = config_of(render_widget(Translator("fr")))
    assert config["lang"] == "fr"
    strings = config["strings"]
    assert isinstance(strings, dict)
    assert strings["indicator"]["none"] == Translator("fr")("indicator.none")
    assert strings["unavailable"] == "État indisponible"
    assert strings["phase"]["monitoring"] == "Surveillance"
    colours = config["colours"]
    assert isinstance(colours, dict)
    outage = STATUS_COLOURS[ComponentStatus.MAJOR_OUTAGE]
    assert colours["critical"] == [outage.light, outage.dark]
    assert set(colours) == {"none", "minor", "major", "critical", "maintenance", "unknown"}
    assert set(strings["indicator"]) == set(colours) - {"unknown"}
