"""A scoring run with a risk model in force against the same run with the rules alone.

Sets up a scratch SQLite installation (never the installation's own) with the built-in
reference data, loads ``--entries`` synthetic shipments of 30 days, trains a model on 12,000
generated earlier shipments (the example rules as inputs) and stores it; then scores the 30
days several times with the example rules alone (the baseline) and with the model in force
for every port (model scores, reasons, channel policy, one ``EntryRiskScore`` per entry).
Reported: the median of each, the ratio, and what the model costs per entry.

Run: nice .venv/bin/python bench/risk_run_bench.py [--entries 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal

START = date(2025, 3, 3)
DAYS = 30


def _setup(directory: str) -> None:
    os.environ["BORDEROPS_VAR_DIR"] = directory
    os.environ.pop("BORDEROPS_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderops.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from borderops.accounts.services import build_agency_tree
    from borderops.reference.services import load_builtin_reference

    load_builtin_reference()
    build_agency_tree()


def _load(entries: int, seed: int) -> None:
    from borderops.accounts.models import Organisation
    from borderops.core.synth.cargo_history import labelled_history
    from borderops.crossings.models import Shipment

    table, _ = labelled_history(count=entries, seed=seed, start=START, days=DAYS)
    units = dict(Organisation.objects.filter(port__isnull=False).values_list("port_id", "pk"))
    agency = Organisation.objects.get(code="agency").pk
    rows = table.to_pylist()
    Shipment.objects.bulk_create(
        (
            Shipment(
                reference=row["id"],
                mode=row["mode"],
                port_id=row["port"],
                organisation_id=units.get(row["port"], agency),
                arrival_date=row["arrival_date"],
                hs_code=row["hs_code"],
                description=row["description"],
                value=Decimal(str(row["value"])),
                currency=row["currency"],
                gross_kg=row["gross_kg"],
                net_kg=row["net_kg"],
                quantity=row["quantity"],
                origin=row["origin"],
                export_country=row["export_country"],
                route=row["route"] or "",
                shipper=row["shipper"],
                consignee=row["consignee"],
                declarant=row["declarant"] or "",
                conveyance=row["conveyance"] or "",
                containers=row["containers"] or "",
            )
            for row in rows
        ),
        batch_size=2000,
    )


def _timed(runs: int) -> list[float]:
    from borderops.targeting import services

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        services.score_shipments(date_from=START, date_to=START + timedelta(days=DAYS - 1))
        times.append(time.perf_counter() - started)
    return times


def main(entries: int, runs: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        _setup(directory)
        from borderops.risk import services as risk
        from borderops.risk.models import ModelActivation
        from borderops.targeting import services

        started = time.perf_counter()
        _load(entries, seed)
        print(
            f"loaded {entries:,} shipments of {DAYS} days in {time.perf_counter() - started:.1f} s"
        )
        services.install_demo_rules(seed=seed)  # example rules in force + demo model, scored once
        activation = ModelActivation.objects.get(active=True)
        print(f"model: {activation.version.stamp}, {activation.version.size:,} bytes")
        risk.end_activation(activation=activation)
        rules = _timed(runs)
        risk.activate(version=activation.version, share=0.05)
        model = _timed(runs)
        rules_median, model_median = statistics.median(rules), statistics.median(model)
        for label, times, median in (
            ("rules alone", rules, rules_median),
            ("with the model in force", model, model_median),
        ):
            print(f"{label}: median {median:.2f} s ({', '.join(f'{t:.2f}' for t in times)})")
        print(
            f"ratio {model_median / rules_median:.2f}×; the model adds "
            f"{(model_median - rules_median) / entries * 1000:.2f} ms per entry "
            f"({entries / model_median:,.0f} entries/s scored end to end)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2015)
    arguments = parser.parse_args()
    main(arguments.entries, arguments.runs, arguments.seed)
