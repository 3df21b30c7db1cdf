"""The search index and the reference index for many pages at once.

Wagtail updates both on every save, which for thousands of new pages costs more than creating
them. ``updates_suspended`` switches that off; the generator then adds the new pages in bulk
(and removes a replaced tree in bulk), so both indexes end up as complete as after saving
each page on its own.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from modelsearch import signal_handlers as search_signal_handlers
from modelsearch.index import get_indexed_models
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

BATCH = 500


@contextmanager
def updates_suspended():
    """Neither index follows saves and deletes inside the block."""
    disconnected = []
    for model in get_indexed_models():
        for signal, handler in (
            (post_save, search_signal_handlers.post_save_signal_handler),
            (post_delete, search_signal_handlers.post_delete_signal_handler),
        ):
            if signal.disconnect(handler, sender=model):
                disconnected.append((signal, handler, model))
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for signal, handler, model in disconnected:
            signal.connect(handler, sender=model)


def add_to_search_index(objects):
    """Indexes ``objects`` (specific instances, e.g. pages with their final content) in batches."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for backend in get_search_backends(with_auto_update=True):
        for model, instances in by_model.items():
            index = backend.get_index_for_model(model)
            for start in range(0, len(instances), BATCH):
                index.add_items(model, instances[start : start + BATCH])


def remove_from_search_index(objects):
    """Removes deleted ``objects`` (their specific instances, loaded before deleting)."""
    for backend in get_search_backends(with_auto_update=True):
        for obj in objects:
            backend.get_index_for_object(obj).delete_item(obj)


def add_references(pages):
    """What ``ReferenceIndex.create_or_update_for_object`` records for new pages, written with one bulk insert.

    Calling it per page costs two queries each; this reads the same references with the same
    (private) extractor. The pages' child rows must be in memory, or each relation costs a query.
    """
    page_type = ContentType.objects.get_for_model(Page)
    entries = []
    for page in pages:
        references = sorted(set(ReferenceIndex._extract_references_from_object(page)))
        for to_content_type_id, to_object_id, model_path, content_path in references:
            entries.append(
                ReferenceIndex(
                    content_type_id=page.content_type_id,
                    base_content_type=page_type,
                    object_id=str(page.pk),
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    ReferenceIndex.objects.bulk_create(entries, batch_size=BATCH * 4, ignore_conflicts=True)


def remove_references(page_ids):
    """Drops the references from and to deleted pages."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = [str(page_id) for page_id in page_ids]
    ReferenceIndex.objects.filter(base_content_type=page_type, object_id__in=ids).delete()
    ReferenceIndex.objects.filter(to_content_type=page_type, to_object_id__in=ids).delete()
