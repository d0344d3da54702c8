"""The build engine: from input files to graph.ttl and its companions, cached, in parallel,
atomically."""
