"""What people read: the HTML page of the network, exported network files and printed tables."""
