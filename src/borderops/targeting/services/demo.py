"""The demo's rule set, risk model and scores."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Max, Min

from borderops.crossings.models import Shipment
from borderops.risk import services as risk_services
from borderops.targeting.models import RuleSet as StoredRuleSet
from borderops.targeting.models import ScoringRun
from borderops.targeting.services.common import (
    EXAMPLE_RULES,
)
from borderops.targeting.services.rulesets import activate_version, parse_source, save_version
from borderops.targeting.services.scoring import score_shipments


def install_demo_rules(
    *,
    seed: int = 0,
    red_capacity: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ScoringRun | None:
    """Make the example cargo rule set the active version, train and activate the demo risk
    model, and score every shipment loaded.

    Idempotent for the rules: the example is saved again only when it differs from the
    newest version. Returns the scoring run, or None when no shipments are loaded.
    """
    source = EXAMPLE_RULES.read_text(encoding="utf-8")
    name = parse_source(text=source).name
    existing = StoredRuleSet.objects.filter(name=name).first()
    latest = existing.latest_version if existing is not None else None
    version = latest if latest is not None and latest.source == source else None
    if version is None:
        version = save_version(source=source, user=None, note="example rules (demo)")
    activate_version(version=version, user=None)
    span = Shipment.objects.aggregate(first=Min("arrival_date"), last=Max("arrival_date"))
    if span["first"] is None:
        return None
    if progress is not None:
        progress("targeting", 0, 1)
    # A risk model learned from the earlier shipments' outcomes, in force for every port, so
    # the demo's scores show model reasons beside the fired rules.
    risk_services.install_demo_model(seed=seed)
    run = score_shipments(
        date_from=span["first"],
        date_to=span["last"],
        version=version,
        seed=seed,
        red_capacity=red_capacity,
    )
    if progress is not None:
        progress("targeting", 1, 1)
    return run
