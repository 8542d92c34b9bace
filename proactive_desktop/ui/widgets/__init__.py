"""Small reusable widgets of the wizard (placeholder menu, ticket preview)."""
