"""The admin's "Verwendung" of a page (e.g. every page naming an office), one page of it in a fixed
number of queries. Wagtail groups references by source object and fetches each object on its own;
for the first page of results it even fetches all of them, which at thousands of pages is unusable."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.admin.views.pages.usage import UsageView
from wagtail.models import ReferenceIndex
from wagtail.models.reference_index import ReferenceGroups


class BatchedReferenceGroups(ReferenceGroups):
    """(source object, references) pairs; slicing one page of them fetches only that page, in bulk."""

    def _keys(self):
        return list(
            self.qs.order_by("base_content_type", "object_id").values_list("base_content_type", "object_id").distinct()
        )

    def __getitem__(self, key):
        keys = self._keys()[key] if isinstance(key, slice) else [self._keys()[key]]
        ids_by_type = defaultdict(list)
        for content_type_id, object_id in keys:
            ids_by_type[content_type_id].append(object_id)
        condition = Q(pk__in=[])
        for content_type_id, object_ids in ids_by_type.items():
            condition |= Q(base_content_type=content_type_id, object_id__in=object_ids)
        references = defaultdict(list)
        for reference in self.qs.filter(condition):
            references[(reference.base_content_type_id, reference.object_id)].append(reference)
        objects = {}
        for content_type_id, object_ids in ids_by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            for obj in model._default_manager.filter(pk__in=object_ids):
                objects[(content_type_id, str(obj.pk))] = obj
        rows = [(objects[key_], references[key_]) for key_ in keys if key_ in objects]
        return rows if isinstance(key, slice) else rows[0]


class PageUsageView(UsageView):
    def get_queryset(self):
        return BatchedReferenceGroups(ReferenceIndex.get_references_to(self.object))
