"""Dates and times in the revision comparison as editors read them elsewhere: "30. Januar 2028, 08:00".

Wagtail's comparison prints the raw values ("None2028-01-30 07:00:00+00:00": the empty value, then the time in
UTC) under its own field labels ("Veröffentlicht bis"); the schedule fields keep the labels of the edit form.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from wagtail.admin.compare import FieldComparison, TextDiff, register_comparison_class

from pages.models.base import SCHEDULE_FIELDS


def german_moment(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "j. F Y, H:i")
    return date_format(value, "j. F Y")


class GermanDateComparison(FieldComparison):
    def field_label(self):
        if self.field.name in SCHEDULE_FIELDS:
            return SCHEDULE_FIELDS[self.field.name][0]
        return super().field_label()

    def htmldiff(self):
        before, after = german_moment(self.val_a), german_moment(self.val_b)
        if before == after:
            return escape(after)
        changes = [("deletion", before), ("addition", after)]
        return TextDiff([(kind, value) for kind, value in changes if value]).to_html()


def register():
    register_comparison_class(models.DateTimeField, comparison_class=GermanDateComparison)
    register_comparison_class(models.DateField, comparison_class=GermanDateComparison)
