"""One-off tools that produced (and check) the committed sample specs and PDFs."""
