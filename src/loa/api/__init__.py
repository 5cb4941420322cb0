"""Loa's REST API (v1, django-ninja): the same services and selectors as the web, for scripts and
other systems (a province portal, the national reporting system). See ADR 0019."""
