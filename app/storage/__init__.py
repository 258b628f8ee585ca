"""Assessment files: JSON, atomic save, autosave, migration of older versions."""
