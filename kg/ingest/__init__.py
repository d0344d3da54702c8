"""Reading releases: input files found and decoded, HTML turned into text, the board page's
metadata and body."""
