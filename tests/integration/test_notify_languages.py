"""`statusgen notify` on a site of several languages: each channel in its `language`, its
links to that language's pages, a note where a text is shown in the default language, and
each update sent once per channel, recorded under the same identity as on a site of one
language."""

from __future__ import annotations

import json
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from textwrap import dedent, indent

import pytest
from notifyservers import RecordingServer, SmtpTestServer, make_certificate
from sitebuild import fixture_site, mkdocs_build

from statusgen.cli import main

CHANNELS = """
notify:
  - type: webhook
    name: hook
    url: !ENV HOOK_URL
  - type: webhook
    name: hook-fr
    url: !ENV HOOK_FR_URL
    language: fr
  - type: slack
    name: slack-fr
    url: !ENV SLACK_FR_URL
    language: fr
  - type: email
    name: mail-fr
    smtp: !ENV SMTP_URL
    from: status@status.test
    to: [abonnes@status.test]
    language: fr
"""
#: The one-language site's channels: the same default-language webhook, alone.
ONE_CHANNEL = CHANNELS.split("  - type: webhook\n    name: hook-fr")[0]
BEFORE = "2026-03-10T12:00:00Z"
NEW = "2026-03-10T12:05:00Z"
AFTER = "2026-03-10T12:06:00Z"
#: What the record of the one-language site holds for channel `hook` after the history and
#: one new incident, as statusgen recorded it before sites had languages (the keys of
#: `notify/identity.py`, hashed with the channel's name by `notify/ledger.py`).
#: (Computed by this test's steps with statusgen at 4c35d2a.)
RECORDED_BEFORE_LANGUAGES = {
    "2092e999edcd3448574c3ef9cca1d56fb3799489b9a4fdd7e1d030d19f6e72b9",
    "3e297450012797ddbd713d8147ca7a97852e08578882c9d41b2fdf3e7b9084fa",
}


@pytest.fixture
def servers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    cert, key = make_certificate(tmp_path)
    with RecordingServer() as http, SmtpTestServer(cert, key) as smtp:
        monkeypatch.setenv("HOOK_URL", http.url("/hook"))
        monkeypatch.setenv("HOOK_FR_URL", http.url("/hook-fr"))
        monkeypatch.setenv("SLACK_FR_URL", http.url("/slack-fr"))
        monkeypatch.setenv("SMTP_URL", f"smtp://bot:secret@127.0.0.1:{smtp.port}")
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "SOURCE_DATE_EPOCH"):
            monkeypatch.delenv(name, raising=False)
        yield http, smtp


#: An incident file in both languages, but for its second update's message.
TRANSLATED = """\
---
title:
  en: Checkout errors
  fr: Erreurs au paiement
impact: major
components: {api: partial_outage}
phases:
  - at: 2026-03-10T12:05:00Z
    status: investigating
    message:
      en: Payments fail.
      fr: Les paiements échouent.
    affected: {en: EU customers, fr: Clients de l'UE}
  - at: 2026-03-10T12:05:30Z
    status: identified
    message: A bad deploy.
---
"""


def site(root: Path, options: str) -> Path:
    return fixture_site(root, extra=indent(dedent(options), " " * 6))


def cli(root: Path, now: str, *args: str) -> int:
    return main(["-C", str(root), "--now", now, *args])


def one_new_incident(root: Path) -> None:
    """The history recorded, then one new incident posted and announced."""
    assert cli(root, BEFORE, "notify", "--ledger", str(root / "ledger.json")) == 0
    new = ("new", "Checkout fails", "--component", "api=major_outage", "--impact", "critical")
    assert cli(root, NEW, *new, "--message", "We are looking.", "--id", "checkout") == 0
    assert cli(root, AFTER, "notify", "--ledger", str(root / "ledger.json")) == 0


def recorded(root: Path) -> set[str]:
    return set(json.loads((root / "ledger.json").read_text())["entries"])


def test_each_channel_speaks_its_language_and_links_to_its_pages(
    tmp_path: Path, servers: tuple[RecordingServer, SmtpTestServer]
) -> None:
    http, smtp = servers
    root = site(tmp_path / "site", "languages: [en, fr]\n" + CHANNELS)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "subscribe.md").write_text("# Subscribe\n")
    (root / "docs" / "subscribe.fr.md").write_text("# S'abonner\n")
    one_new_incident(root)
    (english,) = [json.loads(r.body) for r in http.to("/hook")]
    (french,) = [json.loads(r.body) for r in http.to("/hook-fr")]
    assert english["meta"]["language"] == "en" and english["meta"]["untranslated"] == []
    assert english["incident"]["shortlink"] == "https://status.test/incidents/checkout/"
    # Nothing of the incident is in French yet: its texts are the default language's, and the
    # payload says which.
    assert english["meta"]["unsubscribe"] == "https://status.test/subscribe/"
    # ... and each channel's Subscribe page is its language's own, where it has one.
    french_page = "https://status.test/fr/subscribe/"
    assert french["meta"] == {
        **english["meta"],
        "language": "fr",
        "untranslated": ["title", "message"],
        "unsubscribe": french_page,
        "documentation": french_page,
    }
    assert french["meta"]["default_language"] == "en"
    assert french["incident"]["shortlink"] == "https://status.test/fr/incidents/checkout/"
    update = french["incident"]["incident_updates"][0]
    assert update["shortlink"].startswith("https://status.test/fr/incidents/checkout/#update-")
    assert update["body"] == "We are looking."
    (slack,) = [json.loads(r.body) for r in http.to("/slack-fr")]
    shown = json.dumps(slack, ensure_ascii=False)
    assert slack["text"] == "[Enquête en cours] Checkout fails"
    assert "Pas encore traduit" in shown and "affiché en anglais" in shown
    assert "Voir cette mise à jour" in shown and "/fr/incidents/checkout/" in shown
    (mail,) = smtp.state.mails
    message = message_from_bytes(mail.data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["Content-Language"] == "fr"
    assert message["List-Unsubscribe"] == f"<{french_page}>"
    assert str(message["Subject"]) == "[Enquête en cours] Checkout fails"
    html = message.get_body(("html",))
    assert html is not None
    body = html.get_content()
    assert body.startswith('<!DOCTYPE html><html lang="fr">')
    assert '<div lang="en"><p>We are looking.</p></div>' in body
    assert "Pas encore traduit" in body
    # Every link leads to a page the build publishes (in French for the French channel).
    epoch = str(int(datetime.fromisoformat(AFTER).timestamp()))  # built as notify ran
    built = mkdocs_build(root, tmp_path / "out", epoch)
    assert built.returncode == 0, built.stderr
    for link in (french["incident"]["shortlink"], french_page, english["incident"]["shortlink"]):
        page = tmp_path / "out" / link.removeprefix("https://status.test/") / "index.html"
        assert page.is_file(), link
    assert '<html lang="fr"' in (tmp_path / "out/fr/incidents/checkout/index.html").read_text()
    # Each channel once: a second run sends nothing.
    sent = len(http.requests), len(smtp.state.mails)
    assert cli(root, AFTER, "notify", "--ledger", str(root / "ledger.json")) == 0
    assert (len(http.requests), len(smtp.state.mails)) == sent == (3, 1)


def test_the_record_keeps_the_same_keys_with_and_without_languages(
    tmp_path: Path, servers: tuple[RecordingServer, SmtpTestServer]
) -> None:
    http, _ = servers
    alone = site(tmp_path / "one", ONE_CHANNEL)
    one_new_incident(alone)
    assert len(http.to("/hook")) == 1
    assert recorded(alone) == RECORDED_BEFORE_LANGUAGES
    several = site(tmp_path / "several", "languages: [en, fr]\n" + CHANNELS)
    one_new_incident(several)
    assert len(http.to("/hook")) == 2
    # The default-language channel's record is the one-language site's; the French
    # channels' are under their own names.
    assert recorded(alone) < recorded(several)


def test_check_refuses_a_channel_language_the_site_does_not_have(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    channel = "notify:\n  - type: slack\n    url: https://hooks.test/x\n    language: de\n"
    root = site(tmp_path / "several", "languages: [en, fr]\n" + channel)
    line = (root / "mkdocs.yml").read_text().splitlines().index("        - type: slack") + 1
    assert cli(root, BEFORE, "check") == 1
    assert (
        f"mkdocs.yml:{line}: notify channel 'slack': language 'de' is not one of the site's "
        "languages; expected one of en, fr" in capsys.readouterr().err
    )
    # A site of one language has the theme's alone.
    root = site(tmp_path / "one", channel.replace("de", "fr"))
    assert cli(root, BEFORE, "check") == 1
    assert "language 'fr' is not one of the site's languages; expected one of en (" in (
        capsys.readouterr().err
    )
    root = site(tmp_path / "named", channel.replace("de", "en"))
    assert cli(root, BEFORE, "check") == 0


def test_remind_nudges_in_the_default_language_whatever_its_channels(
    tmp_path: Path, servers: tuple[RecordingServer, SmtpTestServer]
) -> None:
    http, _ = servers
    options = "languages: [en, fr]\nremind_channel: slack-fr\nremind_after: 45\n" + CHANNELS
    root = site(tmp_path / "site", options)
    new = ("new", "Checkout fails", "--component", "api=major_outage", "--impact", "critical")
    assert cli(root, NEW, *new, "--message", "We are looking.", "--id", "checkout") == 0
    ledger = str(root / "ledger.json")
    assert cli(root, "2026-03-10T13:00:00Z", "remind", "--ledger", ledger) == 0
    nudges = [json.loads(r.body) for r in http.to("/slack-fr")]
    # The fixture's open incident promised an update by 12:30; the new one is silent.
    assert sorted(n["text"] for n in nudges) == [
        "Update overdue: Checkout fails",
        "Update overdue: Slow website",
    ]
    assert "/fr/" not in json.dumps(nudges) and "Pas encore" not in json.dumps(nudges)


def notified_bilingual(tmp_path: Path, incident: str) -> tuple[Path, Path, str]:
    """A bilingual site notified once before and once after `incident` is written: its root,
    the incident's file and the ledger."""
    root = site(tmp_path / "site", "languages: [en, fr]\n" + CHANNELS)
    ledger = str(root / "ledger.json")
    assert cli(root, BEFORE, "notify", "--ledger", ledger) == 0
    path = root / "incidents/2026/2026-03-10-checkout.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(incident)
    assert cli(root, AFTER, "notify", "--ledger", ledger) == 0
    return root, path, ledger


def test_a_translated_incident_file_is_sent_in_each_channels_language(
    tmp_path: Path, servers: tuple[RecordingServer, SmtpTestServer]
) -> None:
    http, smtp = servers
    root, path, ledger = notified_bilingual(tmp_path, TRANSLATED)
    english = [json.loads(r.body) for r in http.to("/hook")]
    french = [json.loads(r.body) for r in http.to("/hook-fr")]
    assert [e["incident"]["name"] for e in english] == ["Checkout errors"] * 2
    assert [f["incident"]["name"] for f in french] == ["Erreurs au paiement"] * 2
    bodies = [f["incident"]["incident_updates"][0]["body"] for f in french]
    assert bodies == ["Les paiements échouent.", "A bad deploy."]
    assert [f["meta"]["untranslated"] for f in french] == [[], ["message"]]
    slack = [json.dumps(json.loads(r.body), ensure_ascii=False) for r in http.to("/slack-fr")]
    assert "Clients de l'UE" in slack[0] and "Pas encore traduit" not in slack[0]
    assert "Pas encore traduit" in slack[1] and "affiché en anglais" in slack[1]
    # The title is in French: the e-mail's headline is unmarked in both parts.
    for mail, status in zip(mails(smtp), ("Enquête en cours", "Identifié"), strict=True):
        headline = f"[{status}] Erreurs au paiement"
        assert part(mail, "plain").splitlines()[0] == headline
        assert f'<h1 style="font-size:1.2em">{headline}</h1>' in part(mail, "html")
    # Adding the missing translation later sends nothing again, on any channel.
    path.write_text(
        TRANSLATED.replace(
            "    message: A bad deploy.",
            "    message: {en: A bad deploy., fr: Un mauvais déploiement.}",
        )
    )
    sent = len(http.requests)
    assert cli(root, "2026-03-10T12:07:00Z", "notify", "--ledger", ledger) == 0
    assert len(http.requests) == sent == 6


def mails(smtp: SmtpTestServer) -> list[EmailMessage]:
    """Every e-mail the server received, parsed."""
    parsed = []
    for mail in smtp.state.mails:
        message = message_from_bytes(mail.data, policy=policy.default)
        assert isinstance(message, EmailMessage)
        parsed.append(message)
    return parsed


def part(mail: EmailMessage, kind: str) -> str:
    """The text of the e-mail's `plain` or `html` part."""
    body = mail.get_body((kind,))
    assert body is not None, kind
    return str(body.get_content())


def test_an_e_mail_marks_a_title_kept_in_the_default_language_in_both_parts(
    tmp_path: Path, servers: tuple[RecordingServer, SmtpTestServer]
) -> None:
    _, smtp = servers
    untitled = TRANSLATED.replace("  en: Checkout errors\n  fr: Erreurs au paiement\n", "")
    notified_bilingual(tmp_path, untitled.replace("title:\n", "title: Checkout errors\n"))
    first, second = mails(smtp)
    assert str(first["Subject"]) == "[Enquête en cours] Checkout errors"
    # HTML: the English title in its own language, as the English message is.
    assert (
        '<h1 style="font-size:1.2em">[Enquête en cours] <span lang="en">Checkout errors</span></h1>'
    ) in part(first, "html")
    assert "<p>Les paiements échouent.</p>" in part(first, "html")
    assert '<div lang="en"><p>A bad deploy.</p></div>' in part(second, "html")
    # Plain text cannot mark a language: the note follows the title, as in feed titles.
    for mail, status in ((first, "Enquête en cours"), (second, "Identifié")):
        lines = part(mail, "plain").splitlines()
        assert lines[0] == f"[{status}] Checkout errors (Pas encore traduit)"
        assert "Pas encore traduit: affiché en anglais" in lines
