"""The plugin's options in mkdocs.yml, as MkDocs config classes built from `statusgen.options`.

Defaults and checks come from `statusgen.options`, which the command line reads too; this
module only wraps them in MkDocs' validators.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from statusgen.model import Audience
from statusgen.notify.settings import parse_channels
from statusgen.options import CHECKS, DEFAULTS, ContactOptions, Options, folder_list


class Checked(c.Type):  # type: ignore[type-arg]
    """A typed option whose value must also pass statusgen's check of that option."""

    def __init__(self, name: str, kind: type | tuple[type, ...], default: Any = None) -> None:
        super().__init__(kind, default=default)
        self.check = CHECKS[name]

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        expected = self.check(value)
        if expected:
            raise base.ValidationError(f"{value!r} is not allowed; expected {expected}")
        return value


class ContactConfig(base.Config):
    """The contact line shown on the overview and every incident page."""

    url = c.Optional(Checked("contact.url", str))
    """A URL or e-mail address readers can use to ask questions; no line without it."""
    text = c.Type(str, default=DEFAULTS.contact.text)
    """The link's text (default: "Questions? Contact us", in the site's language)."""


class StatusgenConfig(base.Config):
    """The plugin's options in mkdocs.yml, under `plugins: - statusgen:`."""

    enabled = c.Type(bool, default=True)
    """Set to false to build the site without statusgen."""
    components_file = c.Type(str, default=DEFAULTS.components_file)
    """The components file, relative to mkdocs.yml."""
    incidents_dir = Checked("incidents_dir", (str, list), DEFAULTS.incidents_dir[0])
    """The folder of incident files, relative to mkdocs.yml, or a list of folders (an internal
    site can read a private folder too); new files go to the first."""
    audience = c.Choice(tuple(a.value for a in Audience), default=DEFAULTS.audience.value)
    """`public` leaves out everything marked `audience: internal`; `internal` shows it all."""
    history_days = Checked("history_days", int, DEFAULTS.history_days)
    """How many daily uptime bars the overview and component pages show."""
    timezone = Checked("timezone", str, DEFAULTS.timezone)
    """The IANA time zone pages show times in without JavaScript (readers' browsers use theirs)."""
    feed_entries = Checked("feed_entries", int, DEFAULTS.feed_entries)
    """How many updates each feed holds, newest first."""
    contact = c.SubConfig(ContactConfig)
    """Where readers can ask: `{url: ..., text: ...}`."""
    templates_dir = Checked("templates_dir", str, DEFAULTS.templates_dir)
    """The folder of message templates, relative to mkdocs.yml (read by the command line)."""
    notify = Checked("notify", list, [])
    """Where `statusgen notify` sends each update (secrets with `!ENV`; see docs/operators.md)."""
    remind_channel = c.Optional(c.Type(str))
    """The notify channel `statusgen remind` nudges, by name."""
    remind_after = Checked("remind_after", int, DEFAULTS.remind_after)
    """Minutes without an update after which `statusgen remind` nudges about an open incident."""

    def options(self) -> Options:
        """The validated values as statusgen's own options."""
        return Options(
            components_file=self.components_file,
            incidents_dir=folder_list(self.incidents_dir),
            audience=Audience(self.audience),
            history_days=self.history_days,
            timezone=self.timezone,
            feed_entries=self.feed_entries,
            contact=ContactOptions(url=self.contact.url, text=self.contact.text),
            templates_dir=self.templates_dir,
            notify=parse_channels(self.notify)[0],
            remind_channel=self.remind_channel,
            remind_after=self.remind_after,
        )
