"""Loading and validation of a site's data: see :func:`load_site`."""

from .load import load_site
from .problems import DataError, Problem

__all__ = ["DataError", "Problem", "load_site"]
