"""edureports: flows."""
