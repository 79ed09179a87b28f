"""Reading large list XML files record by record, safely and in little memory.

Parsing goes through ``defusedxml``, so a file that declares entities or fetches external
resources is refused rather than expanded. Namespaces are dropped from tag names (OFAC has
published the same schema under several), and each record is cleared once it has been read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from borderops.core.lists.entries import clean_text
from borderops.core.lists.problems import ProblemLog, require_file


def local_name(tag: str) -> str:
    """The tag without its ``{namespace}``."""
    return tag.rpartition("}")[2]


class XmlRecords:
    """The record elements of an XML list, in file order; problems go to the log.

    ``root_tag`` and ``root_attrib`` describe the document element once iteration has begun.
    ``last_record`` is where the reader last finished a record, for reporting a broken file.
    """

    def __init__(self, path: Path, *, records: frozenset[str], log: ProblemLog) -> None:
        require_file(path)
        self.path = path
        self.records = records
        self.log = log
        self.root_tag = ""
        self.root_attrib: dict[str, str] = {}
        self.last_record = ""

    def __iter__(self) -> Iterator[Element]:
        try:
            events: Iterator[tuple[str, Element]] = iterparse(
                str(self.path), events=("start", "end"), forbid_dtd=True
            )
            for event, element in events:
                if event == "start":
                    if not self.root_tag:
                        self.root_tag = local_name(element.tag)
                        self.root_attrib = dict(element.attrib)
                    continue
                element.tag = local_name(element.tag)
                if element.tag in self.records:
                    yield element
                    element.clear()
        except ParseError as error:
            line, column = error.position
            after = f" after {self.last_record}" if self.last_record else ""
            reason = str(error).rsplit(": line", 1)[0]
            self.log.add(
                f"line {line}, column {column}",
                f"The XML is malformed or cut short{after} ({reason}); download the list again.",
            )
        except DefusedXmlException as error:
            self.log.add("document", f"Refused for safety: {error}. Lists never need these.")
        except OSError as error:
            self.log.add("path", f"The file cannot be read: {error.strerror or error}.")


def text_of(element: Element, tag: str) -> str:
    """The cleaned text of the first child with that tag, or an empty string."""
    return clean_text(element.findtext(tag))


def texts_of(element: Element, path: str) -> list[str]:
    """The cleaned, non-empty texts of every element the path finds."""
    return [text for found in element.iterfind(path) if (text := clean_text(found.text))]
