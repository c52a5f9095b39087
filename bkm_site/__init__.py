"""bkm-site: MkDocs plugin and theme for a BKM's campaign and transparency website."""

__version__ = "0.2.0"
