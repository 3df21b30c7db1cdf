"""A large, realistic page tree for benchmarks (``manage.py generate_bulk_content``); the site never depends on it."""
