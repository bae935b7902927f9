"""edureports: warehouse."""
