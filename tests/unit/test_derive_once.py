"""Both audiences' plans derive the site once when the public sees all of it (issue 22): the
test `public_sees_all` is sound (it holds only where `for_audience` gives equal sites), and
`plan_audiences` then calls `build_snapshot` once, else once per audience."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from models import component, incident, phase, site

from statusgen.derive import audience as audiences
from statusgen.model import Audience, Catalog, Group, StatusSite
from statusgen.options import Options
from statusgen.render import plan as planning
from statusgen.render import urls

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
INTERNAL = Audience.INTERNAL


def everyone_site() -> StatusSite:
    """A site with nothing internal; two updates in the same second (numbered alike)."""
    return site(
        incident(
            "db-outage",
            {"api": "major_outage"},
            phase("2026-11-22T10:00Z", "investigating"),
            phase("2026-11-22T10:00Z", "identified", {"dashboard": "degraded_performance"}),
            phase("2026-11-22T11:00Z", "resolved"),
        ),
        incident(
            "slow", {"dashboard": "degraded_performance"}, phase("2026-11-23T09:00Z", "resolved")
        ),
    )


def with_internal_component(s: StatusSite) -> StatusSite:
    components = (*s.catalog.components, component("secret-db", "Internal", audience=INTERNAL))
    return site(*s.incidents, components=components)


def with_internal_incident(s: StatusSite) -> StatusSite:
    hidden = incident("hidden", {"api": "major_outage"}, phase("2026-11-24T10:00Z", "resolved"))
    return replace(s, incidents=(*s.incidents, replace(hidden, audience=INTERNAL)))


def with_internal_update(s: StatusSite) -> StatusSite:
    first, *rest = s.incidents
    note = phase("2026-11-22T10:30Z", "identified", audience=INTERNAL)
    return replace(s, incidents=(replace(first, phases=(*first.phases, note)), *rest))


def with_empty_group(s: StatusSite) -> StatusSite:
    groups = (*s.catalog.groups, Group(name="Coming soon", components=()))
    return replace(s, catalog=Catalog(groups=groups))


def with_unknown_component(s: StatusSite) -> StatusSite:
    first, *rest = s.incidents
    return replace(
        s, incidents=(replace(first, components={"gone": first.components["api"]}), *rest)
    )


def sees(s: StatusSite, who: Audience) -> StatusSite:
    return audiences.for_audience(s, who)


def test_a_site_with_nothing_internal_is_the_same_to_both_audiences() -> None:
    whole = everyone_site()
    assert audiences.public_sees_all(whole)
    assert sees(whole, Audience.PUBLIC) == sees(whole, INTERNAL)


@pytest.mark.parametrize(
    "hide",
    [
        with_internal_component,
        with_internal_incident,
        with_internal_update,
        with_empty_group,
        with_unknown_component,
    ],
)
def test_anything_the_public_view_leaves_out_is_seen(hide: object) -> None:
    assert callable(hide)
    whole = hide(everyone_site())
    assert not audiences.public_sees_all(whole)
    assert sees(whole, Audience.PUBLIC) != sees(whole, INTERNAL)  # the test is not too strict


def settings(languages: tuple[str, ...] = ()) -> planning.SiteSettings:
    return planning.SiteSettings(
        site_name="Test Status",
        options=Options(languages=languages),
        language="en",
        page_url=lambda src: urls.static_page_url(src, True),
        base_url="https://status.test/",
    )


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[StatusSite]:
    """Every site `build_snapshot` derives in the plans."""
    seen: list[StatusSite] = []
    real = planning.build_snapshot

    def counted(s: StatusSite, *args: object, **kwargs: object) -> planning.Snapshot:
        seen.append(s)
        return real(s, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(planning, "build_snapshot", counted)
    return seen


@pytest.mark.parametrize("languages", [(), ("en", "fr")])
def test_nothing_internal_is_derived_once_for_both_audiences(
    derivations: list[StatusSite], languages: tuple[str, ...]
) -> None:
    public, internal = planning.plan_audiences(
        everyone_site(), (Audience.PUBLIC, INTERNAL), NOW, settings(languages)
    )
    assert len(derivations) == 1
    assert (public.audience, internal.audience) == (Audience.PUBLIC, INTERNAL)
    assert public.snapshot is internal.snapshot
    assert [p.snapshot for p in public.others] == [p.snapshot for p in internal.others]
    assert len(public.others) == len(languages[1:])
    # The same plans as each audience's own: the audience still tells them apart.
    alone = planning.plan_site(everyone_site(), Audience.PUBLIC, NOW, settings(languages))
    assert alone.snapshot == public.snapshot
    assert [i.src for i in alone] == [i.src for i in public]
    assert "robots.txt" in [i.src for i in internal] and "robots.txt" not in [i.src for i in public]
    assert internal.site_name != public.site_name


@pytest.mark.parametrize(
    "hide", [with_internal_component, with_internal_incident, with_internal_update]
)
def test_something_internal_gets_two_different_snapshots(
    derivations: list[StatusSite], hide: object
) -> None:
    assert callable(hide)
    whole = hide(everyone_site())
    public, internal = planning.plan_audiences(whole, (Audience.PUBLIC, INTERNAL), NOW, settings())
    assert len(derivations) == 2
    assert public.snapshot != internal.snapshot
    assert public.snapshot == planning.plan_site(whole, Audience.PUBLIC, NOW, settings()).snapshot
    assert internal.snapshot == planning.plan_site(whole, INTERNAL, NOW, settings()).snapshot
