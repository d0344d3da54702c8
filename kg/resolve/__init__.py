"""Identity across releases: which names of many releases are one person or organization, and
why (``resolution`` assembles ``organizations`` and ``persons``; ``identity`` weighs the
evidence of ``evidence`` and ``features`` with ``kg/data/identity.toml``; ``explain`` reads it
back)."""
