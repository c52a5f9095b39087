"""Loading and validation of a site's data: see :func:`load_site`."""

from .load import LoadCache, load_site
from .problems import DataError, Problem

__all__ = ["DataError", "LoadCache", "Problem", "load_site"]
