"""The import's repairs, one by one: each changes what statusgen would refuse and says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from statusgen.content import budgets
from statusgen.importers.catalog import CatalogPlan
from statusgen.importers.normalize import normalize
from statusgen.importers.records import SourceIncident, SourceUpdate, Transition
from statusgen.importers.text import clean, fit_markdown, format_time, parse_time
from statusgen.model import ComponentStatus, Impact, IncidentType, PhaseStatus

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
T0 = datetime(2025, 5, 1, 10, tzinfo=UTC)
INV, IDE, MON, RES = (
    PhaseStatus.INVESTIGATING,
    PhaseStatus.IDENTIFIED,
    PhaseStatus.MONITORING,
    PhaseStatus.RESOLVED,
)


def incident(*updates: SourceUpdate, **fields: object) -> SourceIncident:
    values: dict[str, object] = {
        "source_id": "x",
        "id": "x",
        "kind": IncidentType.INCIDENT,
        "title": "Errors",
        "impact": Impact.MINOR,
        "started_at": T0,
        "updates": list(updates),
        "resolved": True,
    }
    values.update(fields)
    return SourceIncident(**values)  # type: ignore[arg-type]


def update(
    minutes: int, status: PhaseStatus | None, text: str = "Text.", **kw: object
) -> SourceUpdate:
    return SourceUpdate(T0 + timedelta(minutes=minutes), status, text, **kw)  # type: ignore[arg-type]


def run(src: SourceIncident, plan: CatalogPlan | None = None) -> tuple[object, set[str]]:
    draft, entries = normalize(src, plan or CatalogPlan.read(None), NOW)
    return draft, {e.kind for e in entries}


def test_a_clean_incident_needs_no_repair() -> None:
    draft, kinds = run(incident(update(0, INV), update(30, MON), update(60, RES)))
    assert kinds == set()
    assert [p.status for p in draft.phases] == [INV, MON, RES]  # type: ignore[attr-defined]


def test_updates_out_of_order_are_sorted_and_reported() -> None:
    draft, kinds = run(incident(update(0, INV), update(60, RES, "b"), update(30, MON, "a")))
    assert "updates_out_of_order" in kinds
    assert [p.message for p in draft.phases] == ["Text.", "a", "b"]  # type: ignore[attr-defined]


def test_an_update_before_the_start_keeps_its_time_and_the_start_goes() -> None:
    draft, kinds = run(incident(update(-30, INV), update(60, RES)))
    assert kinds == {"start_after_update"}
    assert draft.phases[0].at == T0 - timedelta(minutes=30)  # type: ignore[attr-defined]
    assert draft.started is None  # type: ignore[attr-defined]


def test_a_start_before_the_first_update_is_written_as_started() -> None:
    draft, kinds = run(incident(update(20, INV), update(60, RES)))
    assert kinds == set()
    assert draft.started == T0  # type: ignore[attr-defined]
    assert [p.at for p in draft.phases] == [  # type: ignore[attr-defined]
        T0 + timedelta(minutes=20),
        T0 + timedelta(minutes=60),
    ]


def test_a_start_at_the_first_update_writes_no_started() -> None:
    draft, kinds = run(incident(update(0, INV), update(60, RES)))
    assert kinds == set() and draft.started is None  # type: ignore[attr-defined]


def test_a_published_postmortem_is_kept_as_the_postmortem_event() -> None:
    published = T0 + timedelta(days=3)
    src = incident(update(0, INV), update(60, RES), body="What went wrong.")
    src.postmortem_at = published
    draft, kinds = run(src)
    assert kinds == set() and draft.postmortem_at == published  # type: ignore[attr-defined]
    early = incident(update(0, INV), update(60, RES), body="What went wrong.")
    early.postmortem_at = T0
    draft, kinds = run(early)
    assert kinds == {"postmortem_time"}
    assert draft.postmortem_at == T0 + timedelta(minutes=60)  # type: ignore[attr-defined]
    bare = incident(update(0, INV), update(60, RES))
    bare.postmortem_at = published
    draft, kinds = run(bare)
    assert kinds == {"lost_field"} and draft.postmortem_at is None  # type: ignore[attr-defined]


def test_a_resolution_without_time_or_update() -> None:
    draft, kinds = run(incident(update(0, INV), update(30, MON)))
    assert {"resolution_without_time", "resolution_written"} <= kinds
    assert draft.phases[-1].status is RES  # type: ignore[attr-defined]
    assert draft.phases[-1].at == T0 + timedelta(minutes=30)  # type: ignore[attr-defined]


def test_an_early_resolution_is_reopened_and_a_zero_length_incident_reported() -> None:
    draft, kinds = run(incident(update(0, RES), update(30, RES)))
    assert "final_update_not_last" in kinds
    assert [p.status for p in draft.phases] == [MON, RES]  # type: ignore[attr-defined]
    _, kinds = run(incident(update(0, RES)))
    assert "zero_length" in kinds


def test_unknown_statuses_keep_the_one_before() -> None:
    draft, kinds = run(
        incident(update(0, INV), update(10, None, status_text="Update"), update(20, RES))
    )
    assert "unknown_status" in kinds
    assert draft.phases[1].status is INV  # type: ignore[attr-defined]


def test_empty_and_placeholder_messages() -> None:
    draft, kinds = run(incident(update(0, INV, ""), update(10, RES, "TODO later")))
    assert {"empty_message", "placeholder_prefix"} <= kinds
    assert draft.phases[0].message and draft.phases[1].message == "Resolved: TODO later"  # type: ignore[attr-defined]


def test_only_real_component_changes_and_undeclared_components() -> None:
    down = ComponentStatus.MAJOR_OUTAGE
    ok = ComponentStatus.OPERATIONAL
    draft, kinds = run(
        incident(
            update(0, INV, transitions=[Transition("api", down, ok, name="API")]),
            update(10, MON, transitions=[Transition("api", down, down, name="API")]),
            update(20, RES, transitions=[Transition("api", ok, down, name="API")]),
        )
    )
    assert "undeclared_component" in kinds
    assert draft.components == {"api": down}  # type: ignore[attr-defined]
    assert [p.components for p in draft.phases] == [{}, {}, {"api": ok}]  # type: ignore[attr-defined]


def test_a_long_title_and_an_update_in_the_future() -> None:
    long = "T" * (budgets.TITLE.limit + 100)
    draft, kinds = run(incident(update(0, INV), update(60 * 24 * 999, RES), title=long))
    assert {"title_cut", "update_in_future"} <= kinds
    assert len(draft.title) == budgets.TITLE.limit  # type: ignore[attr-defined]
    assert draft.phases[-1].at == NOW  # type: ignore[attr-defined]


def test_a_maintenance_without_window() -> None:
    draft, kinds = run(
        incident(
            update(0, PhaseStatus.SCHEDULED),
            update(60, PhaseStatus.COMPLETED),
            kind=IncidentType.MAINTENANCE,
            impact=None,
        )
    )
    assert "window_assumed" in kinds
    assert draft.scheduled == (T0, T0 + timedelta(minutes=60))  # type: ignore[attr-defined]


def test_text_helpers_keep_characters() -> None:
    assert clean("a\r\nb\x1b[0m\u00a0c") == ("a\nb[0m\u00a0c", 1)
    moment, assumed = parse_time("2025-05-01 12:00:00.987", timezone(timedelta(hours=2)))
    assert assumed and format_time(moment) == "2025-05-01T12:00:00+02:00"  # type: ignore[arg-type]
    assert parse_time("2025-05-01T12:00:00.5Z", UTC)[0] == datetime(2025, 5, 1, 12, tzinfo=UTC)


def test_real_markdown_is_kept_as_it_is() -> None:
    """Statuspage's lists of timestamped updates (GitHub's 21 October 2018 outage has 154
    tags in one paragraph of 6,024 characters), links and a stray bracket need no fitting."""
    items = "".join(
        f"<li><strong>2018-10-21 23:{n:02d}:19</strong> - We are on it.</li>" for n in range(77)
    )
    for text in (
        f"<ul>{items}</ul>",
        " ".join(f"[link{n}](https://x.test/{n})" for n in range(200)),
        "[Update] the fix is out; see <https://x.test/>. [WIP",
    ):
        assert fit_markdown(text, budgets.MESSAGE.limit) == (text, [])


def test_markdown_beyond_the_budgets_is_brought_within_them() -> None:
    many = "\n".join(f"line {n} *a*" for n in range(300))
    fitted, changes = fit_markdown(many, budgets.MESSAGE.limit)
    assert changes == ["a paragraph split into 3 (too many lines or markup)"]
    assert not list(budgets.markdown_problems(fitted, "message"))
    assert fitted.replace("\n\n", "\n").split("\n") == many.split("\n")
    markup = "*x* " * 2000
    fitted, changes = fit_markdown(markup, budgets.MESSAGE.limit)
    assert changes and not list(budgets.markdown_problems(fitted, "message"))
    assert fitted.split() == markup.split()
    openers = "<a " * 100 + "word " * 2000
    fitted, changes = fit_markdown(openers, budgets.MESSAGE.limit)
    assert changes == [
        "its '[' and '<' written as text ('\\[', '&lt;'): Markdown would read too far"
    ]
    assert fitted == openers.replace("<", "&lt;")
    assert not list(budgets.markdown_problems(fitted, "message"))
    long, changes = fit_markdown("word " * 5000, 1000)
    assert len(long) <= 1000 and any("cut" in c for c in changes)


def test_braces_outside_code_are_kept_as_readers_see_them_not_as_placeholders() -> None:
    from statusgen.content.placeholders import find_placeholders

    text = "See {{< figure src=x >}} and `${{ secrets.TOKEN }}`."
    draft, kinds = run(incident(update(0, INV, text), update(30, RES)))
    assert kinds == {"braces_escaped"}
    message = draft.phases[0].message  # type: ignore[attr-defined]
    assert message == "See &#123;{< figure src=x >}} and `${{ secrets.TOKEN }}`."
    assert find_placeholders(message) == []


def test_translations_are_repaired_like_the_default_languages_texts() -> None:
    long_words = "Nous cherchons encore. " * 1300  # 29,900 characters a message
    src = incident(
        *(update(n, INV, translations={"fr": long_words}) for n in range(6)),
        update(9, RES, "Fixed.", translations={"fr": "Corrigé\x07."}),
        title="Errors",
        body="## Cause\nA deploy.",
        translations={"fr": {"title": "Erreurs\nau paiement", "body": "Un déploiement. " * 4000}},
    )
    draft, entries = normalize(src, CatalogPlan.read(None), NOW)
    french = draft.translations["fr"]
    assert french["title"] == "Erreurs au paiement"
    assert draft.phases[-1].translations == {"fr": "Corrigé."}
    said = [e.message for e in entries]
    assert "the fr title's line breaks became spaces" in said
    assert "1 control character(s) removed" in said
    # One page shows one language: the French text is held to the incident's budget too.
    total = len(french["title"]) + len(french["body"])
    total += sum(len(p.translations["fr"]) for p in draft.phases)
    assert total <= budgets.INCIDENT_TEXT.limit < 6 * len(long_words) + budgets.BODY.limit
    assert any(m.startswith("fr body cut to ") for m in said)
    assert draft.body == "## Cause\nA deploy." and draft.title == "Errors"
