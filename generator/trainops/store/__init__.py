"""Where things are kept and found: the content-addressed cache and the repository's boundary
(where a path really goes). Imports ``model/`` only."""
