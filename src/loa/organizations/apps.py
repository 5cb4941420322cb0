from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "loa.organizations"
    label = "organizations"
    verbose_name = "Đơn vị và phân công"
