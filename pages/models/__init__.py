from pages.models.a_to_z import TopicsAtoZPage
from pages.models.base import ContentPage, HeroImageMixin, RelatedLink, ResponsibleOfficeMixin
from pages.models.committee import CommitteeMeeting, CommitteeMember, CommitteePage
from pages.models.home import HomePage
from pages.models.images import PortalImage, PortalRendition
from pages.models.notices import SiteNotice
from pages.models.office import OfficePage
from pages.models.office_details import OfficeClosure, OfficeContactPerson, OfficeLocation, OfficeOpeningHours
from pages.models.settings import SiteSettings
from pages.models.standard import StandardPage
from pages.models.topic import TopicPage
from pages.snippets import Location

__all__ = [
    "CommitteeMeeting",
    "CommitteeMember",
    "CommitteePage",
    "ContentPage",
    "HeroImageMixin",
    "HomePage",
    "Location",
    "OfficeClosure",
    "OfficeContactPerson",
    "OfficeLocation",
    "OfficeOpeningHours",
    "OfficePage",
    "PortalImage",
    "PortalRendition",
    "RelatedLink",
    "ResponsibleOfficeMixin",
    "SiteNotice",
    "SiteSettings",
    "StandardPage",
    "TopicPage",
    "TopicsAtoZPage",
]
