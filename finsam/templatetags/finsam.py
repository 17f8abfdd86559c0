"""Filters for Swedish formats in templates: {{ amount|kronor }}, {{ share|percent }}."""

import re

from django import template
from django.utils.safestring import mark_safe

from finsam import formatting

register = template.Library()


@register.filter
def kronor(value, places=0):
    return formatting.format_kronor(value, int(places))


@register.filter
def amount(value, places=0):
    return formatting.format_amount(value, int(places))


@register.filter
def number(value):
    return formatting.format_number(value)


@register.filter
def percent(value, places=1):
    return formatting.format_percent(value, int(places))


@register.filter
def orgnr(value):
    return formatting.format_organisation_number(value)


@register.filter
def bankgiro(value):
    return formatting.format_bankgiro(value)


@register.filter
def field_type(bound_field) -> str:
    """The widget's kind, for styling checkboxes and selects apart from text fields."""
    return bound_field.field.widget.__class__.__name__.lower()


# Characters that would end or bend a CSS string, or the <style> element around it.
_CSS_UNSAFE = re.compile(r"[\"'\\<>&]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@register.filter
def css_string(value) -> str:
    """Text safe inside a quoted CSS string in a <style> element, e.g. a page header.

    Style content is raw text, so HTML escaping would show as "&amp;"; instead every quote,
    backslash, "<", ">" and "&" becomes a CSS hex escape ("\\22 " for a double quote), so nothing in
    a name can end the string, the rule or the element. A control character (a carriage return or
    form feed would end the string) becomes a space, which is how a header shows a line break.
    """
    text = _CONTROL.sub(" ", str(value or ""))
    return mark_safe(_CSS_UNSAFE.sub(lambda match: f"\\{ord(match.group()):x} ", text))


@register.filter
def negate(value):
    """-amount, for costs that a table shows negative (as the seed budget does)."""
    return -value if value not in (None, "") else value


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, for dictionaries keyed by codes."""
    return mapping.get(key) if mapping is not None else None


@register.inclusion_tag("includes/sort_header.html")
def sort_header(listing, key, label="", num=False):
    """A list's `<th>`: a sort link with `aria-sort` when the list sorts by it; plain without a
    listing (the same table included on a start page)."""
    if not listing:
        return {"label": label, "url": None, "aria_sort": None, "numeric": num}
    header = listing.header(key)
    return {
        "label": label or header.label,
        "url": header.url,
        "aria_sort": header.aria_sort,
        "numeric": num or header.numeric,
    }
