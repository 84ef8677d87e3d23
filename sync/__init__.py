"""apmon: sync."""
