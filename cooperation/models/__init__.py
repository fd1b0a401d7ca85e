"""The domain: organizations, Belarus' cooperation with them, projects and missions."""

from .dates import DatePrecision
from .editorial import EditorialEvent, Notification
from .imports import ContentImport
from .institutions import Institution
from .missions import DiplomaticMission
from .organizations import FocusArea, Framework, Organization
from .pages import Page
from .partnerships import Cooperation, Milestone
from .pending import PendingChange
from .projects import Project, Stage, Theme
from .publishing import Publishable, Status
from .search import SearchEntry

__all__ = [
    "ContentImport",
    "Cooperation",
    "DatePrecision",
    "DiplomaticMission",
    "EditorialEvent",
    "FocusArea",
    "Framework",
    "Institution",
    "Milestone",
    "Notification",
    "Organization",
    "Page",
    "PendingChange",
    "Project",
    "Publishable",
    "SearchEntry",
    "Stage",
    "Status",
    "Theme",
]
