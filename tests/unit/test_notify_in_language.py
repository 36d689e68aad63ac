"""Notices in a channel's language, from incidents with translations (model objects): the
texts in that language, its interface words and pages, and a note for each text shown in the
default language because its translation is missing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from notifynotices import SITE

from statusgen.model import (
    Catalog,
    Component,
    ComponentStatus,
    Group,
    Impact,
    Incident,
    IncidentType,
    Phase,
    PhaseStatus,
    StatusSite,
    frozen_mapping,
)
from statusgen.notify.channels import slack_payload
from statusgen.notify.context import Context
from statusgen.notify.identity import identities
from statusgen.notify.language import ONE_LANGUAGE, Speaking, language_name
from statusgen.notify.mail import email_message
from statusgen.notify.sending import digest_notice
from statusgen.notify.updates import Notice, due_events, published_notices
from statusgen.notify.webhook import webhook_payload
from statusgen.options.notify import channel_problems_for_catalog, parse_channels
from statusgen.render.locale import TimeFormatter, Translator
from statusgen.render.markup import MarkdownRenderer
from statusgen.render.urls import SiteUrls

T = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
FRENCH = Speaking("fr", "en")


def incident(*, french_update: bool = True, postmortem: bool = False) -> Incident:
    """An outage in English and French; its second update's `affected` has no French, and
    its first update's message has French only when `french_update`."""
    first = {"fr": {"message": "Nous enquêtons."}} if french_update else {}
    return Incident(
        id="2026-11-22-api",
        path="incidents/2026-11-22-api.md",
        title="API errors",
        type=IncidentType.INCIDENT,
        impact=Impact.MAJOR,
        components=frozen_mapping({"api": ComponentStatus.PARTIAL_OUTAGE}),
        phases=(
            Phase(T, PhaseStatus.INVESTIGATING, "We are looking.", translations=first),
            Phase(
                T + timedelta(minutes=20),
                PhaseStatus.RESOLVED,
                "Fixed.",
                stated={"affected": "Everyone in eu-west"},
                translations={"fr": {"message": "Corrigé."}},
            ),
        ),
        translations={"fr": {"title": "Erreurs de l'API", "body": "## Cause\nUn déploiement."}},
        body="## Cause\nA deploy." if postmortem else "",
        postmortem_at=T + timedelta(hours=1) if postmortem else None,
    )


def notices(
    found: Incident, speaking: Speaking = FRENCH, catalog: Catalog | None = None
) -> list[Notice]:
    catalog = catalog or Catalog((Group("Core", (Component("api", "Public API", "Core"),)),))
    t = Translator(speaking.language or "en")
    return list(
        published_notices(
            StatusSite(catalog, (found,)),
            T + timedelta(days=1),
            SiteUrls.without_build(SITE.url, True),
            t,
            TimeFormatter(UTC, t),
            MarkdownRenderer(),
            speaking=speaking,
        )
    )


def test_a_translated_update_is_sent_in_french_linking_to_the_french_page() -> None:
    first = notices(incident())[0]
    assert first.headline == "[Enquête en cours] Erreurs de l'API"
    assert first.message_text == "Nous enquêtons."
    assert first.url == "https://status.test/fr/incidents/2026-11-22-api/#update-20261122T140000Z"
    assert first.link_text == "Voir cette mise à jour"
    assert (first.language, first.default_language, first.untranslated) == ("fr", "en", ())
    assert not any(label == "Pas encore traduit" for label, _ in first.facts)
    # The record knows it by the default language's text: the same event as in English.
    assert first.identity == identities(incident())[first.id]


def test_a_missing_translation_is_shown_in_english_with_a_note_in_french() -> None:
    first, second = notices(incident(french_update=False))
    assert first.message_text == "We are looking." and first.untranslated == ("message",)
    assert first.facts[-1] == ("Pas encore traduit", "affiché en anglais")
    assert second.untranslated == ("affected",)
    assert ("Qui est concerné", "Everyone in eu-west") in second.facts
    assert second.facts[-1] == ("Pas encore traduit", "affiché en anglais")
    slack = json.dumps(slack_payload(first, SITE), ensure_ascii=False)
    assert "Pas encore traduit" in slack and "affiché en anglais" in slack
    payload = webhook_payload(first, SITE)
    assert payload["meta"]["language"] == "fr"
    assert payload["meta"]["default_language"] == "en"
    assert payload["meta"]["untranslated"] == ["message"]
    mail = email_message(first, SITE, "status@status.test", ("a@status.test",), "mail", T)
    assert mail["Content-Language"] == "fr"
    html = mail.get_body(("html",))
    assert html is not None
    assert '<div lang="en"><p>We are looking.</p></div>' in html.get_content()


def test_the_postmortem_is_sent_in_french_and_its_missing_title_noted() -> None:
    found = incident(postmortem=True)
    postmortem = notices(found)[-1]
    assert postmortem.link_text == "Lire le post-mortem"
    assert "Un déploiement." in postmortem.message_text
    assert postmortem.untranslated == ()
    without_title = Incident(**{**_fields(found), "translations": {"fr": {"body": "Rien."}}})
    noted = notices(without_title)[-1]
    assert noted.headline.endswith("API errors") and noted.untranslated == ("title",)


def test_a_french_channel_names_the_components_as_the_french_pages_do() -> None:
    api = Component("api", "Public API", "Core", names=(("fr", "API publique"),))
    named = Catalog((Group("Core", (api,)),))

    def components(notice: Notice) -> str:
        return " | ".join(value for _, value in notice.facts)

    french = notices(incident(), catalog=named)[0]
    assert "API publique (Panne partielle)" in components(french), french.facts
    assert "Public API" not in components(french) + json.dumps(webhook_payload(french, SITE))
    english = notices(incident(), Speaking("en", "en"), catalog=named)[0]
    assert "Public API (Partial outage)" in components(english), english.facts
    # A name without its French falls back to the default language's.
    unnamed = notices(incident())[0]
    assert "Public API (Panne partielle)" in components(unnamed), unnamed.facts


def test_a_site_of_one_language_gets_the_messages_it_always_got() -> None:
    english = notices(incident(), ONE_LANGUAGE)
    assert english[0].headline == "[Investigating] API errors"
    assert english[0].url.startswith("https://status.test/incidents/")
    assert (english[0].language, english[0].untranslated) == ("", ())
    assert "language" not in webhook_payload(english[0], SITE)["meta"]
    mail = email_message(english[0], SITE, "status@status.test", ("a@status.test",), "m", T)
    assert mail["Content-Language"] is None
    # The site's default language on a site of several: its texts, a language, no note.
    default = notices(incident(), Speaking("en", "en"))
    assert [n.headline for n in default] == [n.headline for n in english]
    assert webhook_payload(default[0], SITE)["meta"]["untranslated"] == []


def test_the_language_note_names_the_default_language_in_the_channels_words() -> None:
    dutch, german = Translator("nl"), Translator("de")
    assert Speaking("nl", "en").note(dutch) == ("Nog niet vertaald", "getoond in het Engels")
    assert Speaking("de", "fr").note(german) == (
        "Noch nicht übersetzt",
        "auf Französisch angezeigt",
    )
    assert Speaking("en", "nl").note(Translator("en")) == ("Not yet translated", "shown in Dutch")
    assert language_name("xx", "fr") == "xx"


def test_a_channels_language_must_be_one_of_the_sites() -> None:
    channels, problems = parse_channels(
        [
            {"type": "slack", "url": "https://x.test/", "language": "fr"},
            {"type": "slack", "name": "two", "url": "https://x.test/", "language": 3},
            {"type": "slack", "name": "three", "url": "https://x.test/", "language": "de"},
        ]
    )
    assert [text for _, text in problems] == [
        "notify[1]: language 3; expected a language code of the site, such as fr"
    ]
    assert [c.language for c in channels] == ["fr", "de"]
    found = channel_problems_for_catalog(channels, {"api"}, None, ("en", "fr"))
    assert [text for _, text in found] == [
        "notify channel 'three': language 'de' is not one of the site's languages; expected "
        "one of en, fr (the `languages` option lists them, the default first)"
    ]


def _fields(found: Incident) -> dict[str, object]:
    return {name: getattr(found, name) for name in Incident.__dataclass_fields__}


def test_a_digest_lists_the_titles_in_french_linking_to_french_pages() -> None:
    catalog = Catalog((Group("Core", (Component("api", "Public API", "Core"),)),))
    now = T + timedelta(days=1)
    folded = due_events(StatusSite(catalog, (incident(),)), now, lambda *_: True)
    t = Translator("en")
    english = Context(
        SITE,
        SiteUrls.without_build(SITE.url, True),
        t,
        TimeFormatter(UTC, t),
        now,
        speaking=Speaking("en", "en"),
    )
    digest = digest_notice(folded, english.in_language("fr"))
    assert digest.headline == "[2 de plus] Erreurs de l'API"
    assert 'href="https://status.test/fr/incidents/2026-11-22-api/"' in digest.message_html
    assert (digest.language, digest.untranslated) == ("fr", ())
    assert english.in_language(None) is english and english.in_language("en") is english


def test_an_e_mail_marks_a_stated_field_kept_in_english_in_its_facts() -> None:
    first, second = notices(incident())
    assert second.untranslated == ("affected",)
    mail = email_message(second, SITE, "status@status.test", ("a@status.test",), "mail", T)
    html = mail.get_body(("html",))
    assert html is not None
    content = html.get_content()
    assert '<th align="left">Qui est concerné</th><td lang="en">Everyone in eu-west</td>' in content
    assert content.count(' lang="en"') == 1  # the title and the message are in French
    translated = email_message(first, SITE, "status@status.test", ("a@status.test",), "mail", T)
    body = translated.get_body(("html",))
    assert body is not None and ' lang="en"' not in body.get_content()


def test_a_digest_marks_a_title_kept_in_english_in_its_list() -> None:
    catalog = Catalog((Group("Core", (Component("api", "Public API", "Core"),)),))
    now = T + timedelta(days=1)
    found = incident()
    untitled = Incident(**{**_fields(found), "translations": {"fr": {}}})
    other = Incident(**{**_fields(found), "id": "2026-11-22-web"})  # its title in French
    folded = due_events(StatusSite(catalog, (untitled, other)), now, lambda *_: True)
    t = Translator("fr")
    french = Context(
        SITE,
        SiteUrls.without_build(SITE.url, True),
        t,
        TimeFormatter(UTC, t),
        now,
        speaking=FRENCH,
    )
    digest = digest_notice(folded, french)
    assert digest.untranslated == ("title",)
    assert (
        '<a href="https://status.test/fr/incidents/2026-11-22-api/" lang="en">API errors</a>'
    ) in digest.message_html
    assert (
        '<a href="https://status.test/fr/incidents/2026-11-22-web/">Erreurs de l&#x27;API</a>'
    ) in digest.message_html
    mail = email_message(digest, SITE, "status@status.test", ("a@status.test",), "mail", T)
    html = mail.get_body(("html",))
    assert html is not None and 'lang="en">API errors</a>' in html.get_content()
