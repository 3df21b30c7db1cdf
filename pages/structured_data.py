"""schema.org descriptions of pages, rendered as JSON-LD."""

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def postal_address(location):
    return {
        "@type": "PostalAddress",
        "streetAddress": location.street,
        "postalCode": location.postcode,
        "addressLocality": location.city,
        "addressCountry": "DE",
    }


def opening_hours(row):
    last = row.until_weekday if row.until_weekday is not None else row.weekday
    return {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[day]}" for day in range(row.weekday, last + 1)],
        "opens": row.opens.strftime("%H:%M"),
        "closes": row.closes.strftime("%H:%M"),
    }


def contact_point(person):
    data = {"@type": "ContactPoint", "name": person.name}
    if person.role:
        data["contactType"] = person.role
    if person.phone:
        data["telephone"] = person.phone_href
    if person.email:
        data["email"] = person.email
    return data


def government_office(office, request=None):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": office.title,
        "description": office.search_description,
        "url": office.get_full_url(request),
    }
    optional = {
        "alternateName": office.short_name,
        "telephone": office.phone and office.phone_href,
        "faxNumber": office.fax,
        "email": office.email,
        "sameAs": office.website,
        "knowsLanguage": office.language_list,
    }
    data.update({key: value for key, value in optional.items() if value})
    locations = office.locations
    if locations:
        addresses = [postal_address(location) for location in locations]
        data["address"] = addresses[0] if len(addresses) == 1 else addresses
    if office.weekly_hours:
        data["openingHoursSpecification"] = [opening_hours(row) for row in office.weekly_hours]
    contacts = [contact_point(person) for person in office.contacts]
    if contacts:
        data["contactPoint"] = contacts
    if office.parent_office_title:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": office.parent_office_title}
    return data
