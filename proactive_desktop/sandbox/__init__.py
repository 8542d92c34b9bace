"""A local Zendesk-compatible HTTP server with sample data and fault injection (stdlib only)."""
