from django import forms

from feedback.models import BarrierReport


class BarrierReportForm(forms.ModelForm):
    """The public form; ``homepage`` is a honeypot that people never see and bots fill in."""

    zusatzfeld = forms.CharField(label="Dieses Feld bitte leer lassen", required=False)

    class Meta:
        model = BarrierReport
        fields = ["page_url", "description", "name", "email"]
        labels = {
            "page_url": "Auf welcher Seite ist die Barriere? (Adresse oder Titel, freiwillig)",
            "description": "Was hat Sie behindert?",
            "name": "Ihr Name (freiwillig)",
            "email": "Ihre E-Mail-Adresse (freiwillig; nur nötig, wenn Sie eine Antwort wünschen)",
        }
        help_texts = {
            "description": "Zum Beispiel: Ein Bild hat keine Beschreibung, ein Link lässt sich mit der Tastatur nicht "
            "erreichen, ein Text ist schwer zu lesen.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        error_messages = {
            "description": {
                "required": "Bitte beschreiben Sie die Barriere, damit wir sie beheben können.",
                "max_length": "Bitte fassen Sie sich kürzer (höchstens %(limit_value)d Zeichen, jetzt %(show_value)d).",
            },
            "email": {"invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."},
            "page_url": {"max_length": "Bitte geben Sie höchstens %(limit_value)d Zeichen an (jetzt %(show_value)d)."},
            "name": {"max_length": "Bitte geben Sie höchstens %(limit_value)d Zeichen an (jetzt %(show_value)d)."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zusatzfeld"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def describe_fields(self):
        """Tie each field to its help text and errors for screen readers (``aria-describedby``, ``aria-invalid``)."""
        for name, field in self.fields.items():
            bound = self[name]
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.auto_id}_hilfe")
            if bound.errors:
                described_by.append(f"{bound.auto_id}_fehler")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
        return self

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError("Bitte beschreiben Sie die Barriere, damit wir sie beheben können.")
        return description

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("zusatzfeld"))
