"""What every run of notify and remind shares: the site and the run (`Context`, with each
channel's link base), the summary (`Report`), the channels whose secrets are set, the view a
channel may see, and the one message a channel sends for a notice."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TextIO

from statusgen.derive.audience import for_audience
from statusgen.model import Audience, StatusSite
from statusgen.notify.backends import Prepared, prepare
from statusgen.notify.channels import SiteInfo
from statusgen.notify.delivery import Retrying
from statusgen.notify.language import ONE_LANGUAGE, Speaking
from statusgen.notify.updates import Notice
from statusgen.options.notify import ChannelOptions
from statusgen.render import urls
from statusgen.render.locale import TimeFormatter, Translator


@dataclass(frozen=True)
class Context:
    """What every message needs to know about the site and the run."""

    site: SiteInfo
    site_urls: urls.SiteUrls
    t: Translator
    fmt: TimeFormatter
    now: datetime
    policy: Retrying = field(default_factory=Retrying)
    #: The internal site's own context (its `internal_site_url`), if it has one.
    internal: Context | None = None
    #: The language `t` and `fmt` speak, and the site's default (`ONE_LANGUAGE`: a site
    #: without the `languages` option).
    speaking: Speaking = ONE_LANGUAGE
    #: Each language's own Subscribe page (absolute), where it has one; the others use the
    #: site's (`site.subscribe_url`).
    subscribe_in: Mapping[str, str] = field(default_factory=dict)

    def for_channel(self, channel: ChannelOptions) -> Context:
        """The one choice of a channel's link base: the internal site for an internal channel
        (when the site has one), the site's own address otherwise."""
        return self.internal if channel.is_internal and self.internal is not None else self

    def in_language(self, language: str | None) -> Context:
        """This context speaking `language` (None: the default language), on a site with
        several languages; itself on a site of one."""
        wanted = language or self.speaking.default
        if not self.speaking.language or wanted == self.speaking.language:
            return self
        t = Translator(wanted)
        speaking = replace(self.speaking, language=wanted)
        subscribe = self.subscribe_in.get(wanted, self.site.subscribe_url)
        site = replace(self.site, subscribe_url=subscribe)
        return replace(self, site=site, t=t, fmt=TimeFormatter(self.fmt.zone, t), speaking=speaking)


@dataclass
class Report:
    """What a run did, per channel."""

    lines: list[str] = field(default_factory=list)
    failed: int = 0
    sent: int = 0

    def add(self, text: str) -> None:
        """One line of the summary."""
        self.lines.append(text)


def view_for(site: StatusSite, channel: ChannelOptions) -> StatusSite:
    """What a channel may see: everything for an internal channel, the public view otherwise,
    whatever the site's own audience is."""
    return for_audience(site, Audience.INTERNAL if channel.is_internal else Audience.PUBLIC)


def prepared(channel: ChannelOptions, notice: Notice, context: Context) -> Prepared:
    """The one message `channel` sends for `notice` (sent as is, or shown by --dry-run)."""
    if notice.internal and not channel.is_internal:  # the public view has none: a last guard
        raise AssertionError(f"internal notice {notice.id} for public channel {channel.name}")
    return prepare(channel, notice, context.site, context.now)


def usable(channels: Iterable[ChannelOptions], report: Report, out: TextIO) -> list[ChannelOptions]:
    """The channels whose secrets are set; a warning naming the variable for each other."""
    kept = []
    for channel in channels:
        if channel.missing:
            names = ", ".join(channel.missing)
            print(
                f"statusgen: warning: notify channel {channel.name!r} skipped: {names} not set",
                file=out,
            )
            report.add(f"{channel.name}: skipped ({names} not set)")
            continue
        kept.append(channel)
    return kept
