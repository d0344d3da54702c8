"""Networks of the graph: the actor network, stakeholder networks, centrality and reports."""
