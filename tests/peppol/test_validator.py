"""The Peppol BIS Billing 3.0 validator: official examples pass, known breakages are caught.

The broken variants reproduce the table in README.md ("Broken on purpose"), each a single change
to the official base-example.xml made with lxml.
"""

from pathlib import Path

import pytest
from lxml import etree

from tests.peppol import validator
from tests.peppol.validator import EVALUATION_ERROR, Result, validate

EXAMPLES = Path(__file__).parent / "examples"
NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}


def base_invoice() -> etree._ElementTree:
    return etree.parse(str(EXAMPLES / "base-example.xml"))


def check(tree: etree._ElementTree) -> Result:
    return validate(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))


def fatal_ids(result: Result) -> set[str]:
    return {finding.rule_id for finding in result.fatal}


@pytest.mark.parametrize(
    "name",
    ["base-example.xml", "base-creditnote-correction.xml", "BIS_Billing_30-InomstatligFakturering.xml"],
)
def test_official_examples_pass_with_no_finding_at_all(name):
    result = validate((EXAMPLES / name).read_bytes())

    assert result.ok, str(result)
    assert result.schema_errors == []
    assert result.findings == [], str(result)


def test_swedish_state_agency_invoice_passes_the_swedish_rules():
    tree = etree.parse(str(EXAMPLES / "BIS_Billing_30-InomstatligFakturering.xml"))
    # The national SE-R rules only apply to a Swedish supplier: make sure they were in play.
    supplier = tree.find("cac:AccountingSupplierParty/cac:Party", NS)
    assert supplier.findtext("cac:PostalAddress/cac:Country/cbc:IdentificationCode", namespaces=NS) == "SE"
    assert supplier.find("cac:PartyLegalEntity/cbc:CompanyID", NS).get("schemeID") == "0007"

    result = check(tree)

    assert result.ok, str(result)
    assert result.findings == [], str(result)


def test_text_is_accepted_as_well_as_bytes():
    # The file declares encoding="UTF-8"; as a str it is already decoded and must still parse.
    result = validate((EXAMPLES / "base-creditnote-correction.xml").read_text(encoding="utf-8"))

    assert result.ok, str(result)


def test_missing_buyer_reference_is_fatal():
    tree = base_invoice()
    buyer_reference = tree.find("cbc:BuyerReference", NS)
    buyer_reference.getparent().remove(buyer_reference)

    result = check(tree)

    assert not result.ok
    assert result.schema_errors == []
    assert fatal_ids(result) == {"PEPPOL-EN16931-R003"}, str(result)
    assert result.fatal[0].message == "A buyer reference or purchase order reference MUST be provided."


def test_wrong_amount_due_breaks_br_co_16():
    tree = base_invoice()
    payable = tree.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS)
    assert payable.text == "1656.25"
    payable.text = "1600.00"

    result = check(tree)

    assert not result.ok
    assert result.schema_errors == []
    assert fatal_ids(result) == {"BR-CO-16"}, str(result)
    assert result.fatal[0].location == (
        "/Q{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice[1]"
        "/Q{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}LegalMonetaryTotal[1]"
    )


def test_wrong_sum_of_line_amounts_breaks_br_co_10_and_br_co_13():
    tree = base_invoice()
    line_total = tree.find("cac:LegalMonetaryTotal/cbc:LineExtensionAmount", NS)
    assert line_total.text == "1300"
    line_total.text = "1"

    result = check(tree)

    assert not result.ok
    assert result.schema_errors == []
    assert fatal_ids(result) == {"BR-CO-10", "BR-CO-13"}, str(result)


def test_elements_out_of_order_fail_the_xsd():
    tree = base_invoice()
    tree.find("cac:AccountingSupplierParty", NS).addnext(tree.find("cbc:BuyerReference", NS))

    result = check(tree)

    assert not result.ok
    assert len(result.schema_errors) == 1
    assert "BuyerReference': This element is not expected" in result.schema_errors[0]
    assert result.findings == [], str(result)


def test_a_rule_that_cannot_be_evaluated_rejects_the_document():
    # xs:decimal('') is a dynamic error in both rule sets: Saxon stops, the document is rejected.
    tree = base_invoice()
    tree.find("cac:InvoiceLine/cbc:LineExtensionAmount", NS).text = ""

    result = check(tree)

    assert not result.ok
    assert result.schema_errors, str(result)
    assert fatal_ids(result) == {EVALUATION_ERROR}, str(result)
    assert "Cannot convert string" in result.fatal[0].message


@pytest.mark.parametrize("xml", [b"<Invoice", "<Invoice>"])
def test_malformed_xml_is_a_schema_error(xml):
    result = validate(xml)

    assert not result.ok
    assert result.schema_errors[0].startswith("not well-formed")


def test_other_root_elements_are_not_ubl():
    result = validate(b'<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>')

    assert not result.ok
    assert "neither a UBL Invoice nor a CreditNote" in result.schema_errors[0]


# --- The Schematron translation itself --------------------------------------------------------------------

TOY_SCHEMATRON = """\
<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <title>toy rules</title>
  <ns prefix="t" uri="urn:toy"/>
  <ns prefix="xs" uri="http://www.w3.org/2001/XMLSchema"/>
  <phase id="only-some"><active pattern="items"/></phase>
  <let name="limit" value="xs:integer(/t:doc/@limit)"/>
  <!-- f is declared on the function only, not with <ns>. -->
  <function xmlns="http://www.w3.org/1999/XSL/Transform" xmlns:f="urn:f" name="f:double" as="xs:integer">
    <param name="n" as="xs:integer"/>
    <sequence select="$n * 2"/>
  </function>
  <pattern id="items">
    <let name="count" value="count(//t:item)"/>
    <rule context="t:item[@special]" flag="warning">
      <assert id="SPECIAL" test="false()">Special   item.</assert>
    </rule>
    <rule context="t:item">
      <let name="value" value="xs:integer(.)"/>
      <assert id="LIMIT" flag="fatal" test="f:double($value) &lt;= $limit">Over the limit.</assert>
      <report id="MANY" flag="warning" test="$count &gt; 2">Many items.</report>
    </rule>
  </pattern>
  <pattern>
    <rule context="@limit">
      <assert id="ATTRIBUTE" flag="warning" test=". = '0'">Attributes are visited.</assert>
    </rule>
  </pattern>
</schema>
"""


def test_translation_follows_schematron_semantics(tmp_path):
    rules = tmp_path / "toy.sch"
    rules.write_text(TOY_SCHEMATRON, encoding="utf-8")
    loaded = validator._loaded()
    rule_set = validator._RuleSet(loaded.processor, rules)
    document = loaded.processor.parse_xml(
        xml_text='<doc xmlns="urn:toy" limit="10"><item>1</item><item special="y">100</item><item>6</item></doc>'
    )

    findings = [(f.rule_id, f.flag, f.location.replace("Q{urn:toy}", "")) for f in rule_set.run(document)]

    assert findings == [
        ("MANY", "warning", "/doc[1]/item[1]"),  # report fires when its test is true
        ("SPECIAL", "warning", "/doc[1]/item[2]"),  # flag from the rule; LIMIT not checked here:
        ("LIMIT", "fatal", "/doc[1]/item[3]"),  # only the first matching rule of a pattern fires
        ("MANY", "warning", "/doc[1]/item[3]"),
        ("ATTRIBUTE", "warning", "/doc[1]/@limit"),  # phases are ignored: every pattern runs
    ]
    assert rule_set.checks[0].message == "Special item."


@pytest.mark.parametrize(
    "unsupported",
    [
        '<include href="more.sch"/>',
        '<pattern abstract="true"/>',
        '<pattern><rule context="*"><assert id="X" flag="fatal" test="true()"><value-of select="."/></assert>'
        "</rule></pattern>",
        '<pattern><rule context="*"><assert id="X" test="true()">No flag anywhere.</assert></rule></pattern>',
        '<pattern><rule context="*"><let name="x"><value-of select="1"/></let></rule></pattern>',
        '<diagnostics><diagnostic id="d">?</diagnostic></diagnostics>',
    ],
)
def test_schematron_outside_the_supported_subset_fails_loudly(unsupported):
    sch = f'<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">{unsupported}</schema>'

    with pytest.raises(ValueError, match="cannot translate"):
        validator._schematron_to_xslt(etree.ElementTree(etree.fromstring(sch)))


def test_rule_files_are_the_documented_releases():
    # README.md names these releases; replacing the files means updating it (and re-running this suite).
    rules = Path(__file__).parent / "rules"
    assert (
        "Schematron version 1.3.14.1 - Last update: 2025-04-22" in (rules / "CEN-EN16931-UBL.sch").read_text()
    )
    assert "Last update: 2025 May release 3.0.19." in (rules / "PEPPOL-EN16931-UBL.sch").read_text()
