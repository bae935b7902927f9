"""edureports: transforms."""
