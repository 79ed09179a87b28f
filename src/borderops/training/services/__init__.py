"""The only code that changes training records. Views, endpoints, commands and the demo call
these keyword-only functions; each refuses with :class:`TrainingRefused` saying why."""

from borderops.training.errors import TrainingRefused
from borderops.training.services.catalogue import create_course, ensure_curriculum
from borderops.training.services.deliveries import (
    TRANSITIONS,
    add_session,
    allowed_moves,
    assign_instructor,
    change_status,
    create_delivery,
    create_instructor,
    find_instructor_clash,
    set_budget_line,
)
from borderops.training.services.demo import load_demo_training
from borderops.training.services.imports import ImportRefused, import_nominations
from borderops.training.services.participants import (
    advance_vetting,
    enrol,
    issue_certificate,
    nominate,
    record_attendance,
    record_follow_up,
    record_scores,
    record_vetting_results,
    submit_for_vetting,
    training_days,
    verify_certificate,
    vetting_standing,
    withdraw,
)

__all__ = [
    "TRANSITIONS",
    "ImportRefused",
    "TrainingRefused",
    "add_session",
    "advance_vetting",
    "allowed_moves",
    "assign_instructor",
    "change_status",
    "create_course",
    "create_delivery",
    "create_instructor",
    "enrol",
    "ensure_curriculum",
    "find_instructor_clash",
    "import_nominations",
    "issue_certificate",
    "load_demo_training",
    "nominate",
    "record_attendance",
    "record_follow_up",
    "record_scores",
    "record_vetting_results",
    "set_budget_line",
    "submit_for_vetting",
    "training_days",
    "verify_certificate",
    "vetting_standing",
    "withdraw",
]
