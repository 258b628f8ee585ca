"""YAML questionnaires → domain model: safe loading, validation with file:line:column."""
