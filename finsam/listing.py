"""Search, sorting, filters and an Excel export for list pages, declared once per list.

A list page declares its columns (what the export writes, and what a `<th>` may sort by), the
fields its search looks in and, optionally, a filter form. The view passes its scoped queryset
through `listing_for`, so the page, its pagination links and its export read the same rows:

    listing = listing_for(INVOICES, request, invoices)
    if listing.wants_export:
        return listing.export(filename="fakturor-norr-2026")
    page = Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida"))

Query parameters go through forms: a value that does not parse is ignored (and said next to its
field), never a server error. The export is a write-only workbook in a temporary file, sent in
chunks, with amounts as numbers and dates as dates.
"""

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django import forms
from django.db.models import F, Q, QuerySet
from django.http import FileResponse, QueryDict
from django.utils.translation import gettext_lazy as _

from finsam import excel

SEARCH = "sok"
SORT = "sortera"
EXPORT = "export"
EXPORT_XLSX = "xlsx"
# The bar's fields get ids of their own, so that a form of the page with a field of the same name
# (the report list's "new report" has a year too) keeps its labels.
AUTO_ID = "lista_%s"
# Enough rows to keep a query's memory bounded, few enough round trips for a large list.
CHUNK = 500


@dataclass(frozen=True)
class Column:
    """One column of a list: its export value and, if `sort` is given, a sortable `<th>`."""

    key: str
    label: Any
    value: Callable[[Any], Any]
    sort: str | Sequence[str] | None = None
    number_format: str | None = None
    numeric: bool = False

    @property
    def sort_fields(self) -> tuple[str, ...]:
        if self.sort is None:
            return ()
        return (self.sort,) if isinstance(self.sort, str) else tuple(self.sort)


@dataclass(frozen=True)
class ListDefinition:
    title: Any
    columns: Sequence[Column]
    search: Sequence[str] = ()
    # A form class whose cleaned values `apply_filters(queryset, cleaned_data)` turns into filters.
    filter_form: type[forms.Form] | None = None
    apply_filters: Callable[[QuerySet, dict], QuerySet] | None = None
    # A column key ("-key" for descending); empty keeps the queryset's own order.
    default_sort: str = ""

    def column(self, key: str) -> Column | None:
        return next((column for column in self.columns if column.key == key and column.sort), None)


class SearchForm(forms.Form):
    sok = forms.CharField(label=_("Search"), required=False, max_length=100, strip=True)
    sortera = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)


@dataclass
class Header:
    label: Any
    numeric: bool
    url: str | None
    aria_sort: str | None


@dataclass
class Listing:
    definition: ListDefinition
    search_form: SearchForm
    filters: forms.Form | None
    rows: QuerySet
    sort: str
    wants_export: bool
    query: QueryDict = field(default_factory=QueryDict)

    @property
    def query_suffix(self) -> str:
        """For pagination links: `&` and the search, sort and filters in use."""
        encoded = self.query.urlencode()
        return "&" + encoded if encoded else ""

    @property
    def export_url(self) -> str:
        query = self.query.copy()
        query[EXPORT] = EXPORT_XLSX
        return "?" + query.urlencode()

    @property
    def is_narrowed(self) -> bool:
        return any(key != SORT for key in self.query)

    def header(self, key: str) -> Header:
        column = next(column for column in self.definition.columns if column.key == key)
        if not column.sort:
            return Header(column.label, column.numeric, None, None)
        current, descending = self.sort.removeprefix("-"), self.sort.startswith("-")
        query = self.query.copy()
        query[SORT] = f"-{key}" if current == key and not descending else key
        aria_sort = None
        if current == key:
            aria_sort = "descending" if descending else "ascending"
        return Header(column.label, column.numeric, "?" + query.urlencode(), aria_sort)

    def export(self, *, filename: str, rows=None) -> FileResponse:
        """The list as a workbook; `rows` when the page pairs each record with more (its figure)."""
        return export_response(self.definition, self.rows if rows is None else rows, filename=filename)


def listing_for(
    definition: ListDefinition, request, queryset: QuerySet, *, filters: forms.Form | None = None
) -> Listing:
    """The rows of `queryset` the request's search, filters and sort ask for.

    `filters` is a bound filter form the view has already applied itself (when its values also
    shape the page, like the invoice list's year); otherwise the definition's form is bound here.
    """
    search_form = SearchForm(request.GET, auto_id=AUTO_ID)
    search_form.is_valid()
    cleaned = search_form.cleaned_data
    query = QueryDict(mutable=True)

    rows = queryset
    text = cleaned.get(SEARCH, "")
    if text and definition.search:
        words = text.split()[:5]
        for word in words:
            rows = rows.filter(reduce(or_, (Q(**{f"{name}__icontains": word}) for name in definition.search)))
        query[SEARCH] = text

    if filters is None and definition.filter_form is not None:
        filters = definition.filter_form(request.GET, auto_id=AUTO_ID)
        filters.is_valid()  # a field that does not parse is left out of cleaned_data
        if definition.apply_filters:
            rows = definition.apply_filters(rows, filters.cleaned_data)
    if filters is not None:
        for name in filters.fields:
            value = getattr(filters, "cleaned_data", {}).get(name)
            if name in filters.data and filters.data.get(name) and value not in (None, ""):
                query[name] = filters.data.get(name)

    sort = cleaned.get(SORT, "")
    column = definition.column(sort.removeprefix("-"))
    if column is None:
        sort = definition.default_sort
        column = definition.column(sort.removeprefix("-"))
    else:
        query[SORT] = sort
    if column is not None:
        descending = sort.startswith("-")
        order = [
            F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
            for name in column.sort_fields
        ]
        # The primary key last, so that a page boundary never moves between two requests.
        rows = rows.order_by(*order, "-pk" if descending else "pk")
    return Listing(
        definition=definition,
        search_form=search_form,
        filters=filters,
        rows=rows,
        sort=sort,
        wants_export=request.GET.get(EXPORT) == EXPORT_XLSX,
        query=query,
    )


def export_response(definition: ListDefinition, rows, *, filename: str) -> FileResponse:
    """The rows as an .xlsx download, the same columns as the page, written row by row."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(definition.title)[:31])
    sheet.append([excel.write_only_cell(sheet, column.label, bold=True) for column in definition.columns])
    sheet.freeze_panes = "A2"
    iterable = rows.iterator(chunk_size=CHUNK) if isinstance(rows, QuerySet) else rows
    for row in iterable:
        sheet.append(
            [
                excel.write_only_cell(sheet, column.value(row), column.number_format)
                for column in definition.columns
            ]
        )
    # The workbook is zipped into a temporary file (on disk once it is large) and streamed from it.
    file = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(file)
    file.seek(0)
    return FileResponse(
        file, as_attachment=True, filename=f"{filename}.xlsx", content_type=excel.XLSX_CONTENT_TYPE
    )
