"""Identity across releases: which names of many releases are one person or organization, and why."""
