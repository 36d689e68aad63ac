"""Status colours, in one place: the pages' stylesheet (a test holds
render/assets/statusgen.css to these), the badges, chat messages and the terminal.

Each status has the colour of its text and marks on a light page (`light`, also the badges'
background behind white text and the chat messages' accent), on the dark (slate) scheme
(`dark`), and the fills of the uptime bars (`bar_light`, `bar_dark`, chosen for the patterns
cut into them), the shields.io name of the nearest colour, and a terminal (SGR) code. Every
colour carries a word beside it: none is the only sign of a status.
"""

from __future__ import annotations

from dataclasses import dataclass

from statusgen.model import IMPACT_STATUS, ComponentStatus, Impact


@dataclass(frozen=True)
class Colour:
    """One status's colours, as `#rrggbb` (lower case) where they are hexadecimal."""

    light: str
    dark: str
    bar_light: str
    bar_dark: str
    shields: str
    terminal: str

    @property
    def rgb(self) -> int:
        """The light colour as an integer (Discord's embed colour)."""
        return int(self.light[1:], 16)


STATUS_COLOURS = {
    ComponentStatus.OPERATIONAL: Colour(
        "#1a7f37", "#3fb950", "#2da44e", "#1a7f37", "brightgreen", "32"
    ),
    ComponentStatus.UNDER_MAINTENANCE: Colour(
        "#0b62c4", "#58a6ff", "#0a3780", "#bcd8ff", "blue", "34"
    ),
    ComponentStatus.DEGRADED_PERFORMANCE: Colour(
        "#8a5a00", "#d29922", "#4f3400", "#f5d573", "yellow", "33"
    ),
    ComponentStatus.PARTIAL_OUTAGE: Colour(
        "#b84300", "#f0883e", "#6e2100", "#ffc99c", "orange", "38;5;208"
    ),
    ComponentStatus.MAJOR_OUTAGE: Colour("#c21f2c", "#ff7b72", "#780b18", "#ffc6bf", "red", "31"),
}
#: A day or component without data.
NO_DATA = Colour("#8c959f", "#8b949e", "#8c959f", "#6e7681", "lightgrey", "90")


def status_colour(status: ComponentStatus) -> Colour:
    return STATUS_COLOURS[status]


def impact_colour(impact: Impact) -> Colour:
    """An impact's colour: that of the component status it stands for (none: operational)."""
    return STATUS_COLOURS[IMPACT_STATUS.get(impact, ComponentStatus.OPERATIONAL)]


def maintenance_colour() -> Colour:
    return STATUS_COLOURS[ComponentStatus.UNDER_MAINTENANCE]
