"""edureports: sources."""
