"""apmon: addin."""
