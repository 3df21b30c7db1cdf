"""schema.org descriptions of pages, rendered as JSON-LD."""

from django.urls import reverse

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




def breadcrumb_trail(page):
    """The page's live ancestors from the home page down, then the page; no query beyond those the page has made."""
    ancestors = getattr(page, "ancestors_nearest_first", None)
    if ancestors is None:  # not a content page: nothing cached to reuse
        ancestors = list(page.get_ancestors().filter(depth__gt=1).specific().order_by("-depth"))
    return [*(ancestor for ancestor in reversed(ancestors) if ancestor.live), page]


def breadcrumb_list(page, request=None):
    """A ``BreadcrumbList`` from the home page to ``page``, named as the breadcrumb navigation names them."""
    elements = []
    for crumb in breadcrumb_trail(page):
        url = crumb.get_full_url(request)
        if url is None:  # above the site's root page, or a page in preview that has no address yet
            continue
        elements.append(
            {
                "@type": "ListItem",
                "position": len(elements) + 1,
                "name": getattr(crumb, "nav_title", "") or crumb.title,
                "item": url,
            }
        )
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": elements}


def website(home, site_name, request=None):
    """The ``WebSite`` with its site search, described on the home page."""
    root_url = home.get_full_url(request)
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site_name,
        "url": root_url,
        "inLanguage": "de-DE",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{root_url}{reverse('search').lstrip('/')}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
