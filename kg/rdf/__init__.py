"""RDF: the vocabulary, IRIs, facts as triples, Turtle files, SPARQL, SHACL and the SPARQL
server."""
