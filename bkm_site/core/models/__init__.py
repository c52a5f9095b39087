"""Typed models of the data format (version 1): ``../shared/data-format.md``."""

from .common import Period
from .extras import Achievements, Partner, Plan, PlanItem
from .profile import Profile
from .programme import Programme
from .report import Report
from .site import SiteData

__all__ = ["Achievements", "Partner", "Period", "Plan", "PlanItem", "Profile", "Programme", "Report", "SiteData"]
