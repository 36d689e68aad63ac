"""Which language a source's texts land in, before any repair.

The source's texts are in its own language: `statusgen import --language CODE`, else what the
source says (Statusfy's `defaultLocale`), else the site's default language. Its translations
(a Statusfy site's `content/<code>/`) are in theirs. On the site:

- texts in the site's default language are its texts, as a site of one language has them;
- texts in another of the site's languages are that language's translations; where the source
  has no text in the default language, its own text is written as the default language's too
  (a file needs one, and every reader sees the text there is), and the report counts them;
- texts in a language the site does not list are not imported, and the report says so;
- on a site of one language, the source's texts are written as they are, whatever their
  language (as before languages), and its translations are reported, not imported.
"""

from __future__ import annotations

from statusgen.importers.records import Batch, Entry, SourceError, SourceIncident

#: The texts an incident has per language, by field (`title`, `body`).
INCIDENT_FIELDS = ("title", "body")


def place_languages(batch: Batch, site: tuple[str, ...], named: str | None = None) -> None:
    """Put the texts of `batch` in the languages of `site` (the default first), the source's
    own language being `named` (the `--language` option) or the one the source says."""
    default = site[0]
    source = named or batch.language or default
    found = sorted({code for i in batch.incidents for code in _languages_of(i)} - {source})
    if len(site) == 1:
        if source != default:
            batch.notes.append(
                Entry(
                    "source_language",
                    f"the source is in {source}; the site has one language ({default}): its "
                    "texts are written as they are",
                )
            )
        _drop(
            batch,
            found,
            f"the site has one language ({default}); list its languages in "
            f"mkdocs.yml (`languages: [{default}, ...]`) to import them",
        )
        return
    if source not in site:
        raise SourceError(
            f"the source's texts are in {source}, which is not one of the site's languages "
            f"({', '.join(site)}); expected one of them: add it to `languages` in mkdocs.yml, "
            "or name the language the texts are in with --language"
        )
    _drop(
        batch,
        [code for code in found if code not in site],
        f"not one of the site's languages ({', '.join(site)})",
    )
    if source == default:
        return
    copied = sum(_rekey(incident, source, default) for incident in batch.incidents)
    batch.notes.append(
        Entry(
            "source_language",
            f"the source is in {source}, not the site's default language ({default}): its texts "
            f"are written as {source}, and as {default} where the source has no {default} text "
            f"({copied} incident(s)); translate those into {default}",
        )
    )


def _languages_of(incident: SourceIncident) -> set[str]:
    codes = set(incident.translations)
    for update in incident.updates:
        codes |= set(update.translations)
    return codes


def _drop(batch: Batch, codes: list[str], why: str) -> None:
    """Leave out the texts in `codes`, one note per language with how many incidents."""
    for code in codes:
        count = 0
        for incident in batch.incidents:
            had = code in _languages_of(incident)
            incident.translations.pop(code, None)
            for update in incident.updates:
                update.translations.pop(code, None)
            count += had
        batch.notes.append(
            Entry("language_not_imported", f"{code}: {count} incident(s) not imported: {why}")
        )


def _rekey(incident: SourceIncident, source: str, default: str) -> bool:
    """The incident's texts with the default language's in its fields and the source's among
    its translations; True when a text of the default language had to be the source's."""
    own = {"title": incident.title, "body": incident.body}
    given = incident.translations.pop(default, {})
    incident.translations[source] = {name: text for name, text in own.items() if text}
    incident.title = given.get("title") or incident.title
    incident.body = given.get("body") or incident.body
    copied = any(text and name not in given for name, text in own.items())
    for update in incident.updates:
        message = update.translations.pop(default, "")
        if update.message:
            update.translations[source] = update.message
        copied |= bool(update.message) and not message
        update.message = message or update.message
    return copied
