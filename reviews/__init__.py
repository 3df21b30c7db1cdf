"""Review dates ("Nächste Überprüfung") of content pages, their confirmation and the report of pages due."""
