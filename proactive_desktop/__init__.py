"""proactive-desktop: proactive ticket campaigns for Zendesk."""

__version__ = "0.1.0"
