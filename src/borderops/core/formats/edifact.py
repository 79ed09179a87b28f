"""Reading UN/EDIFACT: the service string advice, segments, and the interchange envelope.

Why not pydifact (a dependency, 0.2.3)? Its tokenizer walks the text one character at a
time in Python, it refuses segments that start with a space or line break (three of the five
GTAS PAXLST samples and most PNRGOV ones), its segments do not know their position, so an
error cannot say "segment 12", and it warns instead of failing on envelope problems. The
reader below is small, splits with ``str.split`` when no release character is present (the
usual case), and numbers every segment; ``bench/edifact_bench.py`` compares the two.

Rules this reader follows, beyond ISO 9735:

- Line breaks carry no meaning: some senders wrap long lines at a fixed width, even inside a
  data element (``...SMITHJ\\nR/...``), so CR and LF are removed inside segments and
  whitespace before a segment tag is ignored.
- The last segment may lack its terminator when only whitespace follows it.
- A file may hold several interchanges one after another; segment numbers run on across
  them so that they still point at the right place in the file.
- ``strict=False`` tolerates control counts and references that disagree (UNT, UNE, UNZ)
  and text after the last UNZ; nothing else is relaxed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from borderops.core.formats.dates import dtm_value, iso_time, number
from borderops.core.formats.types import EdifactError

_LINE_BREAKS = str.maketrans("", "", "\r\n")
_WHITESPACE = " \t\r\n\ufeff"


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ServiceCharacters:
    """The separators of an interchange: ISO 9735 defaults or those of its UNA."""

    component: str = ":"
    data: str = "+"
    decimal: str = "."
    release: str | None = "?"
    terminator: str = "'"


DEFAULT_CHARACTERS = ServiceCharacters()


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment: its tag, its data elements (each a tuple of components), its position.

    ``elements[0]`` is the first data element after the tag, so ``get(0)`` of
    ``BGM+745'`` is ``"745"``.
    """

    tag: str
    elements: tuple[tuple[str, ...], ...]
    number: int

    def get(self, element: int, component: int = 0) -> str:
        """The component's text, or ``""`` when the message leaves it out."""
        if element < len(self.elements):
            parts = self.elements[element]
            if component < len(parts):
                return parts[component]
        return ""

    def error(self, reason: str) -> EdifactError:
        """An error that points at this segment."""
        return EdifactError(reason, segment_number=self.number, segment_tag=self.tag or None)


@dataclass(frozen=True, slots=True)
class Message:
    """One message of an interchange: its header and the segments between UNH and UNT."""

    reference: str
    type: str
    version: str
    release: str
    agency: str
    header: Segment
    body: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Interchange:
    """One UNB … UNZ envelope and the messages it carries (through UNG groups or not)."""

    syntax: str
    sender: str
    recipient: str
    prepared_at: str | None
    reference: str
    messages: tuple[Message, ...]


def read_service_characters(text: str) -> tuple[ServiceCharacters, int]:
    """The separators the text declares in its UNA, and where the segments start."""
    start = len(text) - len(text.lstrip(_WHITESPACE))
    if not text.startswith("UNA", start):
        return DEFAULT_CHARACTERS, start
    advice = text[start + 3 : start + 9]
    cut = min((advice.find(c) for c in "\r\n" if c in advice), default=len(advice))
    if cut < 6:
        raise EdifactError(
            f"the service string advice has {cut} characters ({advice[:cut]!r}) before the "
            "line break or end; UNA needs six: component separator, data separator, decimal "
            "mark, release character, reserved, segment terminator (e.g. UNA:+.? ')",
            segment_tag="UNA",
        )
    names = ("component separator", "data separator", "decimal mark", "release character")
    for name, char in (*zip(names, advice[:4], strict=True), ("segment terminator", advice[5])):
        # Service characters come from the basic ISO 646 set whatever the syntax level;
        # a typographic quote here means an editor "corrected" the file.
        if not (" " <= char <= "~") or char.isalnum() or (char == " " and name != names[3]):
            raise EdifactError(
                f"the {name} {char!r} (U+{ord(char):04X}) cannot be a service character; "
                "use printable ASCII punctuation such as UNA:+.? '",
                segment_tag="UNA",
            )
    component, data, decimal, release, terminator = (advice[i] for i in (0, 1, 2, 3, 5))
    separators = [component, data, terminator] + ([release] if release != " " else [])
    if len(set(separators)) != len(separators):
        raise EdifactError(
            f"the service string advice {advice!r} uses one character for two purposes",
            segment_tag="UNA",
        )
    characters = ServiceCharacters(
        component=component,
        data=data,
        decimal=decimal,
        release=None if release == " " else release,
        terminator=terminator,
    )
    return characters, start + 9


def _protect_released(text: str, characters: ServiceCharacters) -> tuple[str, dict[int, str]]:
    """Replace each released service character by a private-use placeholder, so that plain
    ``str.split`` can cut segments, elements and components; the map puts them back."""
    release = characters.release
    if release is None or release not in text:
        return text, {}
    specials = (release, characters.terminator, characters.data, characters.component)
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    restore: dict[int, str] = {}
    # ``??`` first, so that in ``??'`` the terminator stays a terminator.
    for special in specials:
        placeholder = next(free)
        text = text.replace(release + special, placeholder)
        restore[ord(placeholder)] = special
    return text, restore


def iter_segments(text: str) -> Iterator[Segment]:
    """Every segment of the text in order, numbered from 1 (UNB), UNA excluded."""
    characters, start = read_service_characters(text)
    body, restore = _protect_released(text[start:], characters)
    release = characters.release if restore else None
    placeholders = [chr(code) for code in restore]
    raw_segments = body.split(characters.terminator)
    data, component = characters.data, characters.component
    number = 0
    last = len(raw_segments) - 1
    for position, raw in enumerate(raw_segments):
        raw = raw.lstrip(_WHITESPACE)
        if "\n" in raw or "\r" in raw:
            raw = raw.translate(_LINE_BREAKS)
        if not raw:
            continue
        number += 1
        if release is not None and raw.endswith(release):
            raise EdifactError(
                f"the text ends with the release character {release!r}, which must be "
                "followed by the character it releases",
                segment_number=number,
            )
        elements = raw.split(data)
        tag = elements[0].strip()
        if not (len(tag) == 3 and tag.isascii() and tag.isalnum() and tag.isupper()):
            shown = raw.translate(restore)[:40] + ("…" if len(raw) > 40 else "")
            if position == last:
                # Unterminated text at the end: the envelope decides whether it matters.
                yield Segment(tag="", elements=((shown,),), number=number)
                return
            raise EdifactError(
                f"{shown!r} does not start with a segment tag (three capital letters)",
                segment_number=number,
            )
        if release is not None and (release in raw or any(p in raw for p in placeholders)):
            # A release before an ordinary character releases nothing: drop it.
            parsed = tuple(
                tuple(
                    part.replace(release or "", "").translate(restore)
                    for part in item.split(component)
                )
                for item in elements[1:]
            )
        else:
            parsed = tuple(tuple(item.split(component)) for item in elements[1:])
        yield Segment(tag=tag, elements=parsed, number=number)


class _Envelope:
    """Walks the segments of a file and checks UNB/UNG/UNH/UNT/UNE/UNZ as it goes."""

    def __init__(self, segments: Iterator[Segment], *, strict: bool) -> None:
        self.segments = segments
        self.strict = strict
        self.last: Segment | None = None

    def next(self) -> Segment | None:
        segment = next(self.segments, None)
        self.last = segment or self.last
        return segment

    def expect(self, after: Segment, what: str) -> Segment:
        segment = self.next()
        if segment is None:
            raise (self.last or after).error(f"the file ends before {what}")
        if not segment.tag:
            raise segment.error(f"unterminated text {segment.get(0)!r} where {what} should be")
        return segment

    def check(self, segment: Segment, ok: bool, reason: str) -> None:
        if self.strict and not ok:
            raise segment.error(reason + " (strict=False / --lenient accepts this)")

    def interchanges(self) -> list[Interchange]:
        found: list[Interchange] = []
        while (segment := self.next()) is not None:
            if segment.tag == "UNB":
                found.append(self.interchange(segment))
                continue
            if found and not self.strict:
                break
            if not segment.tag:
                where = "after the UNZ trailer" if found else "where UNB should start"
                raise segment.error(f"text {where}: {segment.get(0)!r}")
            where = "after the UNZ trailer" if found else "at the start"
            raise segment.error(f"expected UNB {where} of an interchange")
        if not found:
            raise EdifactError("the text holds no EDIFACT interchange (no UNB segment)")
        return found

    def interchange(self, unb: Segment) -> Interchange:
        reference = unb.get(4)
        if not reference:
            raise unb.error("UNB has no interchange control reference (element 5)")
        prepared_at = _stamp(unb)
        messages: list[Message] = []
        units = 0
        while True:
            segment = self.expect(unb, "the UNZ interchange trailer")
            if segment.tag == "UNZ":
                self.check(
                    segment,
                    number(segment.get(0)) == units,
                    f"UNZ counts {segment.get(0)!r} messages or groups; the interchange has "
                    f"{units}",
                )
                self.check(
                    segment,
                    segment.get(1) == reference,
                    f"UNZ reference {segment.get(1)!r} differs from UNB's {reference!r}",
                )
                break
            if segment.tag == "UNG":
                messages.extend(self.group(segment))
            elif segment.tag == "UNH":
                messages.append(self.message(segment))
            else:
                raise segment.error("expected UNH, UNG or UNZ between messages")
            units += 1
        return Interchange(
            syntax=":".join(unb.elements[0]) if unb.elements else "",
            sender=unb.get(1),
            recipient=unb.get(2),
            prepared_at=prepared_at,
            reference=reference,
            messages=tuple(messages),
        )

    def group(self, ung: Segment) -> list[Message]:
        messages: list[Message] = []
        while True:
            segment = self.expect(ung, "the UNE group trailer")
            if segment.tag == "UNE":
                self.check(
                    segment,
                    number(segment.get(0)) == len(messages),
                    f"UNE counts {segment.get(0)!r} messages; the group has {len(messages)}",
                )
                self.check(
                    segment,
                    segment.get(1) == ung.get(4),
                    f"UNE reference {segment.get(1)!r} differs from UNG's {ung.get(4)!r}",
                )
                return messages
            if segment.tag != "UNH":
                raise segment.error("expected UNH or UNE inside a UNG group")
            messages.append(self.message(segment))

    def message(self, unh: Segment) -> Message:
        reference = unh.get(0)
        if not reference or not unh.get(1, 0):
            raise unh.error("UNH needs a message reference and a message type (PAXLST, PNRGOV)")
        body: list[Segment] = []
        while True:
            segment = self.expect(unh, f"the UNT trailer of message {reference!r}")
            if segment.tag == "UNT":
                break
            if segment.tag in {"UNH", "UNB", "UNZ", "UNG", "UNE"}:
                raise segment.error(
                    f"message {reference!r} has no UNT trailer before {segment.tag}"
                )
            body.append(segment)
        self.check(
            segment,
            number(segment.get(0)) == len(body) + 2,
            f"UNT counts {segment.get(0)!r} segments; message {reference!r} has "
            f"{len(body) + 2} (UNH to UNT)",
        )
        self.check(
            segment,
            segment.get(1) == reference,
            f"UNT reference {segment.get(1)!r} differs from UNH's {reference!r}",
        )
        return Message(
            reference=reference,
            type=unh.get(1, 0),
            version=unh.get(1, 1),
            release=unh.get(1, 2),
            agency=unh.get(1, 3),
            header=unh,
            body=tuple(body),
        )


def _stamp(unb: Segment) -> str | None:
    """UNB's preparation date (YYMMDD or CCYYMMDD) and time as ISO, when they are dates."""
    day, time = unb.get(3, 0).strip(), unb.get(3, 1).strip()
    if not day:
        return None
    try:
        stamp = dtm_value(day)
        return f"{stamp}T{iso_time(time)}" if time else stamp
    except ValueError:
        raise unb.error(f"UNB preparation date {day}:{time} is not a date and time") from None


def read_interchanges(text: str, *, strict: bool = True) -> list[Interchange]:
    """Every interchange of the text with its messages, the envelope checked.

    Raises ``EdifactError`` for anything that is not a well-formed envelope; see the module
    docstring for what ``strict=False`` tolerates.
    """
    return _Envelope(iter_segments(text), strict=strict).interchanges()


def read_messages(
    text: str, message_type: str, *, strict: bool = True
) -> list[tuple[Interchange, Message]]:
    """Every message of the given type (``PAXLST``, ``PNRGOV``) with its interchange."""
    found: list[tuple[Interchange, Message]] = []
    for interchange in read_interchanges(text, strict=strict):
        for message in interchange.messages:
            if message.type != message_type:
                raise message.header.error(
                    f"this is a {message.type or 'untyped'} message, not {message_type}"
                )
            found.append((interchange, message))
    return found


def read_tolerantly(parse: Callable[..., T], text: str) -> tuple[T, EdifactError | None]:
    """Parse strictly; if only the control counts or references disagree, parse again
    leniently and return the strict error as a warning.

    Carriers' feeds often get UNT counts wrong (most of CBP's own GTAS test messages do),
    while the segments themselves are sound; a real structural fault still raises.
    """
    try:
        return parse(text, strict=True), None
    except EdifactError as strict_error:
        return parse(text, strict=False), strict_error
