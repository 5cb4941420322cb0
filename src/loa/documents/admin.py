from django.contrib import admin

from loa.core.admin import ReadOnlyAdmin, ReadOnlyInline
from loa.documents.models import Citation, Document, Receipt, Register


class CitationInline(ReadOnlyInline):
    model = Citation
    fk_name = "source"


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["symbol", "kind", "issued_date", "subject", "direction"]
    list_filter = ["kind", "direction", "is_stub"]
    search_fields = ["symbol", "subject", "subject_key"]
    inlines = [CitationInline]


@admin.register(Register)
class RegisterAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "direction", "last_number"]


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ["register", "number", "received_date", "document"]
    list_filter = ["register__year"]
