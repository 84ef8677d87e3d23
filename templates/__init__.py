"""apmon: templates."""
