"""Documents the caller may read (the registry), with the web's filters, and their citations."""

from django.http import HttpRequest
from ninja import Query, Router

from loa.api.endpoints.common import actor, filtered
from loa.api.errors import describe_errors, error_responses
from loa.api.pagination import PageIn, page_of
from loa.api.schemas import DocumentDetailOut, DocumentPage
from loa.documents.filters import DocumentFilter
from loa.documents.models import Citation, Document
from loa.documents.selectors import document_citations, document_get, document_list

router = Router(tags=["Văn bản"])


def document_out(doc: Document) -> dict:
    return {
        "id": doc.pk,
        "kind": doc.kind,
        "symbol": doc.symbol,
        "issued_date": doc.issued_date,
        "issuer": doc.issuer_unit.name if doc.issuer_unit_id else doc.issuer_text,
        "issuer_unit": doc.issuer_unit.code if doc.issuer_unit_id else None,
        "subject": doc.subject,
        "direction": doc.direction,
    }


def _citation_out(citation: Citation, doc: Document) -> dict:
    return {
        "relation": citation.relation,
        "relation_label": citation.get_relation_display(),
        "document": document_out(doc),
    }


@router.get(
    "/documents",
    response={200: DocumentPage, **error_responses()},
    summary="Văn bản",
    description="Văn bản người dùng được đọc, lọc như trang Văn bản: `q` (số, ký hiệu, trích yếu; "
    "không phân biệt dấu), `loai` (tên loại, ví dụ KH), `nam` (năm ban hành).\n\n" + describe_errors(),
)
def document_index(
    request: HttpRequest, page: Query[PageIn], q: str = "", loai: str = "", nam: str = ""
) -> dict:
    data = {"q": q, "loai": loai, "nam": nam}
    qs = filtered(DocumentFilter(data, queryset=document_list(user=actor(request)))).order_by(
        "-issued_date", "-id"
    )
    result = page_of(qs, page)
    result["items"] = [document_out(d) for d in result["items"]]
    return result


@router.get(
    "/documents/{pk}",
    response={200: DocumentDetailOut, **error_responses(404)},
    summary="Một văn bản và các trích dẫn",
    description="Văn bản số `pk` với văn bản nó trích dẫn và văn bản trích dẫn nó (chỉ những văn "
    "bản người dùng được đọc).\n\n" + describe_errors(404),
)
def document_detail(request: HttpRequest, pk: int) -> dict:
    user = actor(request)
    doc = document_get(user=user, pk=pk)
    cites, cited_by = document_citations(user=user, document=doc)
    return {
        **document_out(doc),
        "signer_name": doc.signer_name,
        "cites": [_citation_out(c, c.target) for c in cites],
        "cited_by": [_citation_out(c, c.source) for c in cited_by],
    }
