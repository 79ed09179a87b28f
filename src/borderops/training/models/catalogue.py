"""The course catalogue: curriculum modules and the courses built from them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borderops.training.choices import Environment, ProgrammeArea


class CurriculumModule(models.Model):
    """A unit of teaching that courses are built from, e.g. "Concealment methods"."""

    title = models.CharField(
        verbose_name=_("title"),
        max_length=200,
        unique=True,
    )
    description = models.TextField(
        verbose_name=_("description"),
        blank=True,
    )

    class Meta:
        verbose_name = _("curriculum module")
        verbose_name_plural = _("curriculum modules")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Course(models.Model):
    """A course in the catalogue: what is taught, for which environment, over how long."""

    title = models.CharField(
        verbose_name=_("title"),
        max_length=200,
        unique=True,
    )
    programme_area = models.CharField(
        verbose_name=_("programme area"),
        max_length=30,
        choices=ProgrammeArea.choices,
    )
    topics = models.JSONField(
        verbose_name=_("topics"),
        default=list,
        blank=True,
        help_text=_("Topic codes, e.g. anti_narcotics, port_security."),
    )
    environment = models.CharField(
        verbose_name=_("environment"),
        max_length=20,
        choices=Environment.choices,
    )
    default_days = models.PositiveSmallIntegerField(
        verbose_name=_("default length in days"),
        default=5,
        help_text=_("Courses normally run for five days."),
    )
    classroom_hours = models.PositiveSmallIntegerField(
        verbose_name=_("classroom hours"),
        default=0,
    )
    practical_hours = models.PositiveSmallIntegerField(
        verbose_name=_("practical-exercise hours"),
        default=0,
    )
    prerequisites = models.TextField(
        verbose_name=_("prerequisites"),
        blank=True,
        help_text=_("What a nominee must already know or have attended."),
    )
    languages = models.JSONField(
        verbose_name=_("languages"),
        default=list,
        blank=True,
        help_text=_("Languages the course is taught in, as ISO 639-1 codes."),
    )
    description = models.TextField(
        verbose_name=_("description"),
        blank=True,
    )
    modules = models.ManyToManyField(
        CurriculumModule,
        verbose_name=_("curriculum modules"),
        through="CourseModule",
        related_name="courses",
        blank=True,
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(default_days__gte=1) & Q(default_days__lte=60),
                name="training_course_days_range",
            ),
            models.CheckConstraint(
                condition=Q(programme_area__in=ProgrammeArea.values),
                name="training_course_area_valid",
            ),
            models.CheckConstraint(
                condition=Q(environment__in=Environment.values),
                name="training_course_environment_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def module_titles(self) -> list[str]:
        """The course's curriculum modules in teaching order."""
        return [
            link.module.title
            for link in self.course_modules.select_related("module").order_by("position")
        ]


class CourseModule(models.Model):
    """A curriculum module's place in one course."""

    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="course_modules",
    )
    module = models.ForeignKey(
        CurriculumModule,
        verbose_name=_("module"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=_("position"),
        default=0,
    )

    class Meta:
        verbose_name = _("course module")
        verbose_name_plural = _("course modules")
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "module"], name="training_course_module"),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.module}"
