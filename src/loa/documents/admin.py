from django.contrib import admin

from loa.documents.models import Citation, Document, Receipt, Register


class CitationInline(admin.TabularInline):
    model = Citation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "kind", "issued_date", "subject", "direction"]
    list_filter = ["kind", "direction", "is_stub"]
    search_fields = ["symbol", "subject", "subject_key"]
    inlines = [CitationInline]


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "direction", "last_number"]


@admin.register(Receipt)
class ReceiptAdmin(admin.ModelAdmin):
    list_display = ["register", "number", "received_date", "document"]
    list_filter = ["register__year"]
    autocomplete_fields = ["document"]
