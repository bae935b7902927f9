"""The static site of the warehouse: `build_site` reads it and writes HTML pages."""

from warehouse.site.build import PageSizes, SiteError, SiteResult, build_site

__all__ = ["PageSizes", "SiteError", "SiteResult", "build_site"]
