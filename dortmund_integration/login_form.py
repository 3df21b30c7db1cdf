"""The admin's login form with a German label on the password field (Wagtail's has none, so Django's
English field name "Password" showed)."""

from wagtail.admin.forms.auth import LoginForm


class PortalLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Passwort"
        self.fields["password"].widget.attrs["placeholder"] = "Passwort eingeben"
