from django.contrib import admin

from loa.organizations.models import Membership, Unit, UnitLink


class ParentLinkInline(admin.TabularInline):
    model = UnitLink
    fk_name = "child"
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "abbr", "kind", "place_name"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "search_key"]
    inlines = [ParentLinkInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name"]
    autocomplete_fields = ["user", "unit"]
