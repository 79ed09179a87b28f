"""The international training wing's records, split by concept: the catalogue, deliveries,
and the participants with their vetting, attendance, tests and certificates."""

from borderops.training.models.catalogue import Course, CourseModule, CurriculumModule
from borderops.training.models.deliveries import (
    BudgetLine,
    CourseDelivery,
    DeliveryInstructor,
    Instructor,
    StatusChange,
    TimetableSession,
)
from borderops.training.models.participants import (
    Attendance,
    Certificate,
    Nomination,
    Person,
    TrainerFollowUp,
    VettingBatch,
    VettingItem,
)

__all__ = [
    "Attendance",
    "BudgetLine",
    "Certificate",
    "Course",
    "CourseDelivery",
    "CourseModule",
    "CurriculumModule",
    "DeliveryInstructor",
    "Instructor",
    "Nomination",
    "Person",
    "StatusChange",
    "TimetableSession",
    "TrainerFollowUp",
    "VettingBatch",
    "VettingItem",
]
