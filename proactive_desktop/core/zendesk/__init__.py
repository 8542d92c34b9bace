"""The Zendesk Support API: the session factory and the typed client."""
