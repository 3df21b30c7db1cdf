"""Loads the seed content from fixtures/ through Wagtail's page API."""
