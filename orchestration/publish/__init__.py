"""The published copy of the marts for BI tools (发布副本), and reading the working warehouse."""
