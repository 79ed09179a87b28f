"""Changing the course catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from borderops.core.synth.training import OVERSEAS_ENFORCEMENT_MODULES
from borderops.training.choices import Environment, ProgrammeArea, Topic
from borderops.training.errors import conflict, invalid
from borderops.training.models import Course, CourseModule, CurriculumModule


def ensure_curriculum(
    *, titles: Sequence[str] = OVERSEAS_ENFORCEMENT_MODULES
) -> list[CurriculumModule]:
    """The curriculum modules with these titles, creating those not yet known."""
    modules = []
    for title in titles:
        # Matched regardless of case, so "X-ray systems" and "X-Ray Systems" are one module.
        module = CurriculumModule.objects.filter(title__iexact=title.strip()).first()
        modules.append(module or CurriculumModule.objects.create(title=title.strip()))
    return modules


@transaction.atomic
def create_course(
    *,
    title: str,
    programme_area: str,
    environment: str,
    default_days: int = 5,
    modules: Sequence[str] = (),
    topics: Sequence[str] = (),
    classroom_hours: int = 0,
    practical_hours: int = 0,
    prerequisites: str = "",
    languages: Sequence[str] = (),
    description: str = "",
    user: Any = None,
) -> Course:
    """Add a course to the catalogue; modules are named by title and created when new."""
    title = title.strip()
    if not title:
        raise invalid("A course needs a title.")
    if programme_area not in ProgrammeArea.values:
        raise invalid(
            f"Unknown programme area {programme_area!r}; "
            f"use one of {', '.join(ProgrammeArea.values)}."
        )
    if environment not in Environment.values:
        raise invalid(
            f"Unknown environment {environment!r}; use one of {', '.join(Environment.values)}."
        )
    if not 1 <= default_days <= 60:
        raise invalid(f"default_days must be between 1 and 60, not {default_days}.")
    if classroom_hours < 0 or practical_hours < 0:
        raise invalid("Classroom and practical hours cannot be negative.")
    bad_topics = [topic for topic in topics if topic not in Topic.values]
    if bad_topics:
        raise invalid(f"Unknown topics {bad_topics}; use any of {', '.join(Topic.values)}.")
    titles = [module.strip() for module in modules if module.strip()]
    if len({t.casefold() for t in titles}) != len(titles):
        raise invalid("A module is listed twice; list each module once.")
    if Course.objects.filter(title__iexact=title).exists():
        raise conflict(f"A course titled {title!r} is already in the catalogue.")
    course = Course.objects.create(
        title=title,
        programme_area=programme_area,
        environment=environment,
        default_days=default_days,
        topics=list(topics),
        classroom_hours=classroom_hours,
        practical_hours=practical_hours,
        prerequisites=prerequisites,
        languages=[language.strip().lower() for language in languages if language.strip()],
        description=description,
    )
    for position, module in enumerate(ensure_curriculum(titles=titles)):
        CourseModule.objects.create(course=course, module=module, position=position)
    return course
