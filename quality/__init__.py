"""Content quality for editors: missing alt texts, teasers, heading levels and office data typed into bodies."""
