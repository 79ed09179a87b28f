"""Reference pages: who may see them, what they show, and the map's script policy."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

LIST_PAGES = [
    "reference:port-list",
    "reference:map",
    "reference:checkpoint-list",
    "reference:country-list",
    "reference:airport-list",
    "reference:hs-list",
    "reference:sector-list",
]
DETAIL_PAGES = [
    ("reference:port-detail", "2504"),
    ("reference:hs-detail", "8517"),
    ("reference:checkpoint-detail", "SDC-I5"),
]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_each_reference_page_renders_for_a_signed_in_officer(
    officer_client: Any, reference_data: Any, name: str
) -> None:
    response = officer_client.get(reverse(name))

    assert response.status_code == 200
    assert b"<h1>" in response.content


@pytest.mark.parametrize(
    ("name", "args"), [(name, []) for name in LIST_PAGES] + [(n, [a]) for n, a in DETAIL_PAGES]
)
def test_anonymous_visitors_are_sent_to_sign_in(
    client: Any, db: Any, name: str, args: list[str]
) -> None:
    url = reverse(name, args=args)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "key"), DETAIL_PAGES)
def test_each_detail_page_renders_and_unknown_keys_are_404(
    officer_client: Any, reference_data: Any, name: str, key: str
) -> None:
    assert officer_client.get(reverse(name, args=[key])).status_code == 200
    assert officer_client.get(reverse(name, args=["0000"])).status_code == 404


@pytest.mark.parametrize("role", ["agent", "partner", "auditor", "admin"])
def test_every_role_may_browse_reference_data(
    client: Any, make_user: Any, reference_data: Any, role: str
) -> None:
    client.force_login(make_user(role))

    assert client.get(reverse("reference:port-list")).status_code == 200


PORT_FILTERS = [
    ({"q": "san"}, ["2504", "2608"], ["3016"]),
    ({"q": "25"}, ["2504", "2505"], ["2304"]),
    ({"mode": "air"}, ["4701", "5206"], ["2504"]),
    ({"border": "US-Canada"}, ["3004", "3016"], ["2504"]),
    ({"field_office": "Laredo"}, ["2304"], ["2504"]),
    ({"state": "AZ"}, ["2604"], ["2504"]),
]


@pytest.mark.parametrize(("query", "shown", "hidden"), PORT_FILTERS)
def test_port_list_filters(
    officer_client: Any,
    reference_data: Any,
    query: dict[str, str],
    shown: list[str],
    hidden: list[str],
) -> None:
    page = officer_client.get(reverse("reference:port-list"), query).content.decode()

    for code in shown:
        assert f">{code}</a>" in page
    for code in hidden:
        assert f">{code}</a>" not in page


def test_port_detail_shows_modes_field_office_and_a_traffic_chart(
    officer_client: Any, reference_data: Any
) -> None:
    page = officer_client.get(reverse("reference:port-detail", args=["3016"])).content.decode()

    assert "Laurier" in page
    assert "Seattle" in page
    assert "<svg" in page
    assert page.count('class="bar"') == 24  # the chart always spans 24 months
    assert "Nov 2018: 1,200" in page
    assert page.count("<tr><td>") == 2  # the table lists the months with counts
    assert "1,350" in page


def test_port_detail_chart_follows_the_chosen_measure(
    officer_client: Any, reference_data: Any
) -> None:
    url = reverse("reference:port-detail", args=["3016"])

    page = officer_client.get(url, {"measure": "Buses"}).content.decode()

    assert "<strong>Buses</strong>" in page
    assert "Dec 2018: 12" in page


def test_port_without_traffic_says_so(officer_client: Any, reference_data: Any) -> None:
    page = officer_client.get(reverse("reference:port-detail", args=["4701"])).content.decode()

    assert "No traffic counts are loaded for this port." in page


def test_country_search_matches_names_and_codes(officer_client: Any, reference_data: Any) -> None:
    url = reverse("reference:country-list")

    assert "Mexico" in officer_client.get(url, {"q": "mex"}).content.decode()
    by_code = officer_client.get(url, {"q": "DEU"}).content.decode()
    assert "Germany" in by_code
    assert "Mexico" not in by_code


def test_airport_search_finds_by_iata_code_and_paginates(
    officer_client: Any, reference_data: Any
) -> None:
    from borderops.reference.services import load_airports

    load_airports()
    url = reverse("reference:airport-list")

    found = officer_client.get(url, {"q": "LAX"}).content.decode()
    everything = officer_client.get(url).content.decode()

    assert "KLAX" in found
    assert "Los Angeles International Airport" in found
    assert "Next" in everything
    assert "Page 1 of" in everything


def test_hs_index_lists_the_chapters_by_section(officer_client: Any, reference_data: Any) -> None:
    page = officer_client.get(reverse("reference:hs-list")).content.decode()

    assert page.count("/reference/hs/") >= 97
    assert "Section XIX" in page
    assert "Arms and ammunition" in page


HS_SEARCHES = [
    ({"q": "8517"}, ["8517", "851713"], ["8471"]),
    ({"q": "85.17"}, ["8517", "851713"], ["8471"]),
    ({"prefix": "93"}, ["93", "9302", "9306", "930630"], ["8517"]),
    ({"q": "revolvers pistols"}, ["9302"], ["9303"]),
    ({"q": "smartphones"}, ["8517", "851713"], ["8471"]),
]


@pytest.mark.parametrize(("query", "shown", "hidden"), HS_SEARCHES)
def test_hs_search_by_code_prefix_or_words(
    officer_client: Any,
    reference_data: Any,
    query: dict[str, str],
    shown: list[str],
    hidden: list[str],
) -> None:
    page = officer_client.get(reverse("reference:hs-list"), query).content.decode()

    for code in shown:
        assert f'href="/reference/hs/{code}/"' in page
    for code in hidden:
        assert f'href="/reference/hs/{code}/"' not in page


def test_hs_search_shows_the_chapter_and_heading_above_each_code(
    officer_client: Any, reference_data: Any
) -> None:
    page = officer_client.get(reverse("reference:hs-list"), {"q": "851713"}).content.decode()

    assert "85 Electrical machinery" in page
    assert "8517 Telephone sets" in page


def test_hs_detail_shows_its_place_in_the_hierarchy_and_its_children(
    officer_client: Any, reference_data: Any
) -> None:
    page = officer_client.get(reverse("reference:hs-detail", args=["9306"])).content.decode()

    assert 'href="/reference/hs/93/"' in page
    assert 'href="/reference/hs/930630/"' in page
    assert "Section" in page and "XIX" in page


CHECKPOINT_FILTERS = [
    ({"kind": "permanent"}, ["San Clemente"], ["Sasabe Road"]),
    ({"kind": "tactical"}, ["Sasabe Road"], ["San Clemente"]),
    ({"sector": "TCA"}, ["Tubac", "Sasabe Road"], ["San Clemente"]),
]


@pytest.mark.parametrize(("query", "shown", "hidden"), CHECKPOINT_FILTERS)
def test_checkpoint_list_filters_by_kind_and_sector(
    officer_client: Any,
    reference_data: Any,
    query: dict[str, str],
    shown: list[str],
    hidden: list[str],
) -> None:
    page = officer_client.get(reverse("reference:checkpoint-list"), query).content.decode()

    for name in shown:
        assert f">{name}</a>" in page
    for name in hidden:
        assert f">{name}</a>" not in page


def test_tactical_checkpoints_show_their_active_periods(
    officer_client: Any, reference_data: Any
) -> None:
    page = officer_client.get(
        reverse("reference:checkpoint-list"), {"kind": "tactical", "sector": "TCA"}
    ).content.decode()

    assert "since 7 Oct 2024" in page
    assert "4 Mar 2024 to 31 May 2024" in page


def test_sector_list_counts_checkpoints_by_kind(officer_client: Any, reference_data: Any) -> None:
    page = officer_client.get(reverse("reference:sector-list")).content.decode()

    assert "Rio Grande Valley" in page
    assert "?sector=TCA&amp;kind=tactical" in page


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page)


def test_map_page_loads_leaflet_and_passes_its_data_as_json_without_inline_script(
    officer_client: Any, reference_data: Any
) -> None:
    page = officer_client.get(reverse("reference:map")).content.decode()

    scripts = _scripts(page)
    assert any("leaflet/leaflet.js" in tag for tag in scripts)
    assert any("reference/map.js" in tag for tag in scripts)
    assert 'id="map-data" type="application/json"' in page
    assert "leaflet/leaflet.css" in page
    executable_inline = [
        tag for tag in scripts if "src=" not in tag and "application/json" not in tag
    ]
    assert executable_inline == []
    assert re.search(r"<[^>]*\son[a-z]+\s*=", page) is None  # no inline event handlers


def test_map_data_holds_ports_and_checkpoints_with_links(
    officer_client: Any, reference_data: Any
) -> None:
    response = officer_client.get(reverse("reference:map"))

    data = _map_data(response.content.decode())
    ports = {port["code"]: port for port in data["ports"]}
    checkpoints = {c["code"]: c for c in data["checkpoints"]}
    assert ports["2504"]["url"] == "/reference/ports/2504/"
    assert ports["4701"]["mode"] == "air"
    assert checkpoints["TCA-T-SR286"]["kind"] == "tactical"
    assert checkpoints["SDC-I5"]["url"] == "/reference/checkpoints/SDC-I5/"


def test_map_without_tiles_says_so_and_with_tiles_passes_the_url(
    officer_client: Any, reference_data: Any, settings: Any
) -> None:
    settings.MAP_TILE_URL = ""
    untiled = officer_client.get(reverse("reference:map")).content.decode()
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    tiled = officer_client.get(reverse("reference:map")).content.decode()

    assert 'data-testid="tiles-note"' in untiled
    assert _map_data(untiled)["tiles"]["url"] == ""
    assert 'data-testid="tiles-note"' not in tiled
    assert _map_data(tiled)["tiles"]["url"] == "https://tiles.example.org/{z}/{x}/{y}.png"


def _map_data(page: str) -> dict[str, Any]:
    import json

    found = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_administrators_manage_reference_tables_in_the_admin(
    client: Any, make_user: Any, reference_data: Any
) -> None:
    client.force_login(make_user("admin"))

    assert client.get("/admin/reference/portofentry/").status_code == 200
    assert client.get("/admin/reference/checkpoint/SDC-I5/change/").status_code == 200
    assert client.get("/admin/reference/hscode/add/").status_code == 200
