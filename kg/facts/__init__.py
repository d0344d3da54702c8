"""The facts of one release: people, organizations, memberships, mentions, quotes, proposals and
events."""
