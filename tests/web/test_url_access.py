"""Every URL declares its access: this test walks the URLconf and proves it for each route."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {"web:login", "web:user_guide"}
POST_ONLY = ("_remove", "_issue", "_submit", "_approve", "_return", "_replace")
# Sample arguments for routes with parameters.
ARGS = {"fmt": "docx", "code": "huongtra-vhtt", "pk": 1}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else prefix
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name, list(p.pattern.converters)


WEB_ROUTES = [
    (name, params) for name, params in _walk(get_resolver().url_patterns) if name.startswith("web:")
]


def test_the_walk_found_the_web_routes():
    assert len(WEB_ROUTES) >= 12


@pytest.mark.parametrize(("name", "params"), WEB_ROUTES, ids=[n for n, _ in WEB_ROUTES])
def test_anonymous_visitors_are_sent_to_login(client, db, name, params):
    url = reverse(name, kwargs={p: ARGS[p] for p in params})
    response = client.post(url) if name.endswith(POST_ONLY) else client.get(url)
    if name in PUBLIC:
        assert response.status_code == 200
    elif name == "web:logout":
        assert response.status_code == 405  # logout is POST only
    else:
        assert response.status_code == 302 and response.url.startswith(reverse("web:login")), name


@pytest.mark.parametrize(
    ("name", "params"), [r for r in WEB_ROUTES if r[1]], ids=[n for n, p in WEB_ROUTES if p]
)
def test_a_user_of_another_unit_gets_not_found(client, demo_world, name, params):
    """The officer of phường Hương Trà (2025) cannot reach the 2022 office's records by URL."""
    from loa.activities.models import Activity
    from loa.documents.models import Document
    from loa.plans.models import Plan

    client.login(username="canbo.phuonghuongtra", password="Loa@2022")
    office = demo_world["huongtra-vhtt"]
    pk = {
        "activity": Activity.objects.filter(unit=office).first().pk,
        "document": Document.objects.get(symbol="07/KH-VHTT").pk,
        "plan": Plan.objects.filter(unit=office).first().pk,
    }
    kwargs = {p: ARGS[p] for p in params}
    for key, value in pk.items():
        if name.startswith(f"web:{key}"):
            kwargs["pk"] = value
    method = client.post if name.endswith(POST_ONLY) else client.get
    response = method(reverse(name, kwargs=kwargs))
    assert response.status_code == 404, name
