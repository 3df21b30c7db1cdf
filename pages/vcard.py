"""An office's contact data as a vCard 4.0 (RFC 6350), for "Kontakt speichern"."""

from pages.validators import phone_href


def _escape(value):
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def office_vcard(office, request=None):
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:org", f"FN:{_escape(office.title)}", f"ORG:{_escape(office.title)}"]
    if office.short_name:
        lines.append(f"NICKNAME:{_escape(office.short_name)}")
    for location in office.locations:
        street = _escape(location.street)
        lines.append(f"ADR;TYPE=work:;;{street};{_escape(location.city)};;{_escape(location.postcode)};Deutschland")
    if office.phone:
        lines.append(f"TEL;TYPE=work,voice;VALUE=uri:tel:{office.phone_href}")
    if office.fax:
        lines.append(f"TEL;TYPE=work,fax;VALUE=uri:tel:{phone_href(office.fax)}")
    if office.email:
        lines.append(f"EMAIL;TYPE=work:{office.email}")
    lines.append(f"URL:{office.get_full_url(request)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
