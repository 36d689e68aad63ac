"""The folders above component and incident pages (`/components/`, `/incidents/`): readers
who shorten a page's address land there. Each is a small page that sends them on at once to
the overview's components or to the archive, with a link for browsers that do not follow
`refresh`, a canonical link, and `noindex` so search engines keep the target."""

from __future__ import annotations

from html import escape

from statusgen.render import urls


def render_folder_index(
    path: str, site_urls: urls.SiteUrls, site_name: str, title: str, language: str
) -> str:
    """The page at `path` (a key of `urls.FOLDER_INDEXES`) that sends readers on."""
    src, anchor, _ = urls.FOLDER_INDEXES[path]
    fragment = f"#{anchor}" if anchor else ""
    here = site_urls.file(path).rsplit("/", 1)[0] + "/"
    page = site_urls.page(src)
    target = escape(urls.relative(page, here) + fragment)
    canonical = escape(site_urls.base + page.removeprefix("./") + fragment)
    name = escape(f"{title} - {site_name}")
    return (
        f'<!doctype html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{name}</title>\n"
        f'<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'</head>\n<body>\n<p><a href="{target}">{escape(title)}</a></p>\n</body>\n</html>\n'
    )
