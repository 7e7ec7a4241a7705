"""A small, safe XML reader for files that come from outside: no entities, no network, line numbers.

Built on the standard library's expat, the way `defusedxml` does it: any entity declaration in a
DTD is refused before it can be expanded (billion laughs, quadratic blow-up, external entities
such as `file:///etc/passwd`), and external DTDs and parameter entities are never fetched, so
parsing never touches the network or the disk. lxml and ElementTree would do, but ElementTree
forgets line numbers, and every skipped element must be reported with its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
XML_LANG = "{" + XML_NAMESPACE + "}lang"


class UnsafeXMLError(ValueError):
    """The document declares entities or is not well-formed XML; nothing of it is read."""

    def __init__(self, message: str, line: int) -> None:
        self.line = line
        super().__init__(message)


@dataclass
class Node:
    """An element: its tag (`{namespace}name` outside the default namespace), attributes,
    the text directly inside it, its children and the line its start tag is on."""

    tag: str
    attrib: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrib.get(name, default)

    def find(self, tag: str) -> Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]

    def iter(self) -> Iterator[Node]:
        stack = [self]
        while stack:  # no recursion: a deeply nested file cannot exhaust the stack
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def _name(raw: str) -> str:
    # expat writes "namespace local" with the separator given below; ElementTree's style reads
    # better in messages and matches `XML_LANG`.
    namespace, _sep, local = raw.rpartition(" ")
    return "{" + namespace + "}" + local if namespace else local


def parse(data: bytes) -> Node:
    """The root element of `data`, or UnsafeXMLError. A byte-order mark is fine."""
    parser = expat.ParserCreate(namespace_separator=" ")
    # Never read the external DTD subset or parameter entities (no file or network access).
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    stack: list[Node] = []
    root: list[Node] = []

    def refuse_entity(name: str, *_args: object) -> None:
        raise UnsafeXMLError(
            f"the document declares the entity '{name}': entities are refused (they can expand "
            "without bound or read files)",
            parser.CurrentLineNumber,
        )

    def refuse_external(*_args: object) -> int:
        raise UnsafeXMLError(
            "the document refers to an external entity: refused", parser.CurrentLineNumber
        )

    def start(tag: str, attributes: dict[str, str]) -> None:
        node = Node(
            _name(tag), {_name(k): v for k, v in attributes.items()}, parser.CurrentLineNumber
        )
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].text += data

    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise UnsafeXMLError(
            f"not well-formed XML: {expat.ErrorString(exc.code)}", exc.lineno
        ) from None
    if not root:
        raise UnsafeXMLError("no root element", 1)
    return root[0]
