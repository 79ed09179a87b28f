"""Files the training wing hands out: certificates as PDF, and rosters, attendance sheets and
results as XLSX or PDF tables. Reads only; the views log who was shown whom."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from borderops.training import services
from borderops.training.choices import NominationStatus
from borderops.training.models import Certificate, CourseDelivery, Nomination

EXPORT_KINDS = ("roster", "attendance", "results")
EXPORT_FORMATS = ("xlsx", "pdf")


@dataclass(frozen=True)
class Sheet:
    """A titled table: what an export contains, whatever its file format."""

    title: str
    subtitle: str
    header: list[str]
    rows: list[list[Any]]


def _subtitle(delivery: CourseDelivery) -> str:
    return (
        f"{delivery.course.title} · {delivery.host_country.name} · "
        f"{delivery.start_date:%Y-%m-%d} – {delivery.end_date:%Y-%m-%d} · FY{delivery.fiscal_year}"
    )


def _present(nomination: Nomination, days: list[Any]) -> int:
    return sum(1 for a in nomination.attendance.all() if a.status == "present" and a.day in days)


def sheet_for(*, kind: str, delivery: CourseDelivery, nominations: Sequence[Nomination]) -> Sheet:
    """The roster, attendance sheet or results of a delivery for these nominations."""
    if kind == "roster":
        return Sheet(
            title=_("Roster"),
            subtitle=_subtitle(delivery),
            header=[
                _("Surname"),
                _("Given names"),
                _("Born"),
                _("Nationality"),
                _("Agency"),
                _("Security force"),
                _("Status"),
                _("Vetting"),
            ],
            rows=[
                [
                    n.person.surname,
                    n.person.given_names,
                    n.person.birth_date.isoformat(),
                    n.person.nationality_id,
                    n.agency.name,
                    _("yes") if n.security_force else _("no"),
                    n.get_status_display(),
                    services.vetting_standing(n).label,
                ]
                for n in nominations
            ],
        )
    days = services.training_days(delivery)
    enrolled = [n for n in nominations if n.status == NominationStatus.ENROLLED]
    if kind == "attendance":
        marks = {"present": "P", "absent": "A", "excused": "E"}
        return Sheet(
            title=_("Attendance sheet"),
            subtitle=_subtitle(delivery) + " · " + _("P present, A absent, E excused"),
            header=[_("Participant")] + [f"{day:%a %d %b}" for day in days],
            rows=[
                [f"{n.person.surname}, {n.person.given_names}"]
                + [marks.get(by_day.get(day, ""), "") for day in days]
                for n in enrolled
                for by_day in [{a.day: a.status for a in n.attendance.all()}]
            ],
        )
    if kind == "results":
        return Sheet(
            title=_("Results"),
            subtitle=_subtitle(delivery),
            header=[
                _("Participant"),
                _("Pre-test"),
                _("Post-test"),
                _("Gain"),
                _("Days present"),
                _("Certificate"),
            ],
            rows=[
                [
                    f"{n.person.surname}, {n.person.given_names}",
                    n.pre_score,
                    n.post_score,
                    n.gain,
                    f"{_present(n, days)}/{len(days)}",
                    getattr(getattr(n, "certificate", None), "code", ""),
                ]
                for n in enrolled
            ],
        )
    raise ValueError(f"unknown export {kind!r}; use one of {', '.join(EXPORT_KINDS)}")


def to_xlsx(sheet: Sheet) -> bytes:
    """The sheet as an Excel workbook: title and subtitle above a header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet.title[:31]
    worksheet.append([sheet.title])
    worksheet.append([sheet.subtitle])
    worksheet.append([])
    worksheet.append(sheet.header)
    for cell in worksheet[4]:
        cell.font = Font(bold=True)
    worksheet["A1"].font = Font(bold=True, size=14)
    for row in sheet.rows:
        # Lazy translations and other objects become their text; numbers stay numbers.
        worksheet.append(
            [
                "" if value is None else value if isinstance(value, int | float) else str(value)
                for value in row
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_pdf(sheet: Sheet) -> bytes:
    """The sheet as a landscape A4 PDF table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    out = io.BytesIO()
    styles = getSampleStyleSheet()
    document = SimpleDocTemplate(out, pagesize=landscape(A4), title=sheet.title)
    table = Table(
        [sheet.header]
        + [["" if value is None else str(value) for value in row] for row in sheet.rows],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#d8dee6")),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
            ]
        )
    )
    document.build(
        [
            Paragraph(sheet.title, styles["Title"]),
            Paragraph(sheet.subtitle, styles["Normal"]),
            Spacer(1, 12),
            table,
        ]
    )
    return out.getvalue()


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    """A one-page certificate of completion with its verification code and URL."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.pdfgen.canvas import Canvas

    nomination = certificate.nomination
    delivery = nomination.delivery
    out = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(out, pagesize=(width, height))
    canvas.setTitle(_("Certificate of completion"))
    canvas.setLineWidth(3)
    canvas.rect(1.5 * cm, 1.5 * cm, width - 3 * cm, height - 3 * cm)
    canvas.setFont("Helvetica-Bold", 30)
    canvas.drawCentredString(width / 2, height - 5 * cm, _("Certificate of completion"))
    canvas.setFont("Helvetica", 14)
    canvas.drawCentredString(width / 2, height - 7 * cm, _("This certifies that"))
    canvas.setFont("Helvetica-Bold", 24)
    canvas.drawCentredString(
        width / 2, height - 8.5 * cm, f"{nomination.person.given_names} {nomination.person.surname}"
    )
    canvas.setFont("Helvetica", 14)
    canvas.drawCentredString(width / 2, height - 9.7 * cm, nomination.agency.name)
    canvas.drawCentredString(width / 2, height - 11 * cm, _("successfully completed"))
    canvas.setFont("Helvetica-Bold", 18)
    canvas.drawCentredString(width / 2, height - 12.3 * cm, delivery.course.title)
    canvas.setFont("Helvetica", 12)
    canvas.drawCentredString(
        width / 2,
        height - 13.5 * cm,
        f"{delivery.venue or delivery.host_country.name} · "
        f"{delivery.start_date:%d %B %Y} – {delivery.end_date:%d %B %Y}",
    )
    canvas.setFont("Helvetica", 10)
    canvas.drawString(3 * cm, 3 * cm, _("Verification code: %(code)s") % {"code": certificate.code})
    canvas.drawString(3 * cm, 2.4 * cm, _("Check it at %(url)s") % {"url": verify_url})
    canvas.drawRightString(
        width - 3 * cm, 3 * cm, _("Issued %(day)s") % {"day": f"{certificate.issued_at:%Y-%m-%d}"}
    )
    canvas.showPage()
    canvas.save()
    return out.getvalue()
