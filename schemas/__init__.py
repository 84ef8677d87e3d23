"""apmon: schemas."""
