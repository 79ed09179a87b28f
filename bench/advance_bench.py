"""From upload of a 500-passenger PAXLST to a screened flight view; prints figures.

Sets up a scratch SQLite installation (never the installation's own) with the built-in
reference data and a lookout list (the synthetic one, plus OFAC SDN when ``../shared/data``
has it), then, several times over, receives a fresh 500-passenger manifest and opens its
flight view as an analyst would. Reported: the median of each stage and the ratio of the
whole to parsing alone (the baseline, measured in the same run).

Run: .venv/bin/python bench/advance_bench.py [--passengers 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

SDN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ofac-sdn" / "2024-05-03"


def _setup(directory: str) -> None:
    os.environ["BORDEROPS_VAR_DIR"] = directory
    os.environ.pop("BORDEROPS_DATABASE_URL", None)
    os.environ["BORDEROPS_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderops.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from borderops.accounts.services import build_agency_tree
    from borderops.reference.services import load_builtin_reference

    load_builtin_reference()
    build_agency_tree()


def _lists(directory: Path) -> str:
    from borderops.core.synth import generate, write_dataset
    from borderops.lookouts.services import import_list

    dataset = generate(seed=2015, scale=2.0)
    write_dataset(dataset, directory / "synth", fmt="csv")
    imported = [import_list(fmt="csv", path=directory / "synth" / "lookouts.csv")]
    if (SDN / "sdn.csv").exists():
        imported.append(import_list(fmt="ofac-csv", path=SDN, list_name="ofac-sdn"))
    return ", ".join(f"{i.version.watchlist.name} ({i.version.entry_count:,})" for i in imported)


def _manifest(passengers: int, run: int) -> str:
    from borderops.core.formats.paxlst_compose import synthetic_manifest

    # A new seed per run: a different message, so each run stores and screens anew.
    return synthetic_manifest(passengers, seed=run)


def main(passengers: int, runs: int) -> None:
    """Print the median seconds of parse, receive and flight view over ``runs`` manifests."""
    with tempfile.TemporaryDirectory() as directory:
        _setup(directory)
        from django.test import Client

        from borderops.accounts.models import Organisation
        from borderops.accounts.services import create_user
        from borderops.advance import services
        from borderops.advance.choices import ReceivedThrough
        from borderops.advance.models import ExpectedFlight
        from borderops.core.formats import parse_paxlst

        print(f"lists: {_lists(Path(directory))}", flush=True)
        analyst = create_user(
            username="bench-analyst",
            password="bench password 2015",  # noqa: S106 - a scratch installation
            role="analyst",
            organisation=Organisation.objects.get(code="agency"),
        )
        client = Client()
        client.force_login(analyst)
        services.receive_message(  # warm the screening index, as a running server has it
            text=_manifest(5, 0), through=ReceivedThrough.API, user=analyst
        )
        parse, receive, view = [], [], []
        for run in range(1, runs + 1):
            text = _manifest(passengers, run)
            started = time.perf_counter()
            parse_paxlst(text)
            parse.append(time.perf_counter() - started)
            started = time.perf_counter()
            outcome = services.receive_message(text=text, through=ReceivedThrough.API, user=analyst)
            receive.append(time.perf_counter() - started)
            started = time.perf_counter()
            response = client.get(f"/advance/flights/{outcome.flights[0].pk}/")
            view.append(time.perf_counter() - started)
            assert response.status_code == 200 and outcome.travellers == passengers
            print(
                f"run {run}: parse {parse[-1]:.3f}s receive {receive[-1]:.2f}s "
                f"view {view[-1]:.2f}s ({outcome.referrals} advised for referral)",
                flush=True,
            )
            ExpectedFlight.objects.all().delete()
        parse_median = statistics.median(parse)
        total = [r + v for r, v in zip(receive, view, strict=True)]
        print(f"\n{passengers} passengers, median of {runs} runs:")
        print(f"  parse only (baseline)      {parse_median:8.3f} s")
        print(f"  receive: parse, store, screen, check  {statistics.median(receive):8.2f} s")
        print(f"  flight view                {statistics.median(view):8.2f} s")
        print(
            f"  upload to screened view    {statistics.median(total):8.2f} s "
            f"= {statistics.median(total) / parse_median:,.0f}× parsing alone; "
            f"{passengers / statistics.median(total):,.0f} travellers/s"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passengers", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    main(arguments.passengers, arguments.runs)
