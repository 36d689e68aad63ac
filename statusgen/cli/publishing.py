"""`statusgen site-url`: where the build of an audience is published, and the guard that keeps
the internal site off the public address (the publishing jobs run it before they deploy)."""

from __future__ import annotations

import argparse
from datetime import datetime

from statusgen.cli.arguments import EXIT_OK, UsageError
from statusgen.content import SiteLayout
from statusgen.model import Audience
from statusgen.options import Options
from statusgen.options.mkdocs_yml import read_site_settings
from statusgen.problems import printable


def normal(url: str) -> str:
    """An address as the build links to it: with one trailing slash, the host in lower case."""
    scheme, _, rest = url.strip().partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}/{path}".rstrip("/") + "/"


def audience_url(layout: SiteLayout, options: Options, audience: Audience) -> str:
    """The address the build of `audience` links to; for the internal audience, a usage error
    unless `internal_site_url` is set and differs from `site_url`."""
    site_url = read_site_settings(layout.root).get("site_url")
    public = normal(site_url) if isinstance(site_url, str) and site_url else None
    if audience is Audience.PUBLIC:
        if public is None:
            raise UsageError("site_url is not set in mkdocs.yml; expected the site's address")
        return public
    if not options.internal_site_url:
        raise UsageError(
            "internal_site_url is not set (statusgen's options in mkdocs.yml); expected the "
            "internal site's own address, so that the internal build never links to, or is "
            "published at, the public one"
        )
    internal = normal(options.internal_site_url)
    if internal == public:
        raise UsageError(
            f"internal_site_url {printable(internal)} is the public site_url; expected the "
            "internal site's own address (publishing the internal site there would make "
            "internal incidents public)"
        )
    return internal


def command_site_url(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Print the address of the audience's site, or refuse an internal site without its own."""
    print(audience_url(layout, options, Audience(args.audience)))
    return EXIT_OK
