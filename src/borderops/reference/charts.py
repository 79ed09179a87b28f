"""A small bar chart laid out on the server, for templates to draw as inline SVG."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its box in chart units, what it counts and its axis label (may be empty)."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    tick: str

    @property
    def right(self) -> float:
        """Where the bar ends; tick labels end there, so the last one stays inside the chart."""
        return round(self.x + self.width, 2)


@dataclass(frozen=True, slots=True)
class BarChart:
    """Bars over a baseline, with the largest value for the axis note."""

    width: int
    height: int
    baseline: float
    bars: tuple[Bar, ...]
    largest: int


def bar_chart(
    points: Sequence[tuple[str, int]],
    *,
    width: int = 720,
    height: int = 180,
    label_room: int = 18,
    tick_every: int = 3,
) -> BarChart:
    """Lay out one bar per (label, value) point, left to right, scaled to the largest value.

    Every ``tick_every``-th bar, counted from the last, carries its label under the axis.
    """
    baseline = float(height - label_room)
    largest = max((value for _, value in points), default=0)
    if not points:
        return BarChart(width=width, height=height, baseline=baseline, bars=(), largest=0)
    slot = width / len(points)
    gap = min(4.0, slot * 0.2)
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = (value / largest) * (baseline - 4) if largest else 0.0
        from_end = len(points) - 1 - index
        bars.append(
            Bar(
                x=round(index * slot + gap / 2, 2),
                y=round(baseline - bar_height, 2),
                width=round(slot - gap, 2),
                height=round(bar_height, 2),
                label=label,
                value=value,
                tick=label if from_end % tick_every == 0 else "",
            )
        )
    return BarChart(
        width=width, height=height, baseline=baseline, bars=tuple(bars), largest=largest
    )
