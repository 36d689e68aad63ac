"""The head's hreflang links as statusgen writes them (`plugin/languages.own_hreflang_links`):
Material's links in the head made absolute with statusgen's `rel`; a page's body, where a
hand-written page may show the same markup as its own content, is left as it is."""

from __future__ import annotations

from statusgen.plugin.languages import own_hreflang_links

HEAD_LINK = '<link rel="alternate" href="../../fr/incidents/a/" hreflang="fr">'
PAGE = (
    f'<html><head>\n  <link rel="alternate" href="./" hreflang="en">\n  {HEAD_LINK}\n</head>\n'
    f"<body><article>{HEAD_LINK}</article></body></html>"
)


def test_the_heads_links_are_absolute_and_the_bodys_markup_is_left_alone() -> None:
    out = own_hreflang_links(PAGE, "https://status.test/incidents/a/")
    head, _, body = out.partition("</head>")
    assert '<link rel="alternate " href="https://status.test/incidents/a/" hreflang="en">' in head
    assert (
        '<link rel="alternate " href="https://status.test/fr/incidents/a/" hreflang="fr">' in head
    )
    assert '<link rel="alternate" ' not in head
    assert body == f"\n<body><article>{HEAD_LINK}</article></body></html>"


def test_without_the_pages_address_the_links_stay_relative() -> None:
    out = own_hreflang_links(PAGE, None)
    assert '<link rel="alternate " href="../../fr/incidents/a/" hreflang="fr">' in out
    assert out.count('<link rel="alternate" ') == 1  # the body's


def test_a_page_without_a_head_has_its_links_rewritten() -> None:
    out = own_hreflang_links(HEAD_LINK, "https://status.test/incidents/a/")
    assert out == '<link rel="alternate " href="https://status.test/fr/incidents/a/" hreflang="fr">'


def test_known_addresses_give_the_links_that_resolving_gives() -> None:
    address = "https://status.test/incidents/a/"
    known = {"en": address, "fr": "https://status.test/fr/incidents/a/"}
    assert own_hreflang_links(PAGE, address, known) == own_hreflang_links(PAGE, address)
    # a language without a known address is resolved against the page's
    assert own_hreflang_links(PAGE, address, {"en": address}) == own_hreflang_links(PAGE, address)
