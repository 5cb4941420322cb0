"""Background work of the import: read a batch's files before the user opens each row."""

from __future__ import annotations

from django.tasks import task

from loa.ingest.models import ImportBatch


@task()
def read_import_batch(batch_id: str) -> int:
    """Read every file of the batch not read yet; the number read. A deleted batch reads nothing."""
    from loa.ingest.batches import batch_read_all

    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return 0
    return batch_read_all(batch=batch)
