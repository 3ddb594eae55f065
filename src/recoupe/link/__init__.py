"""Across articles: canonical entities (names.py) and stories (stories.py)."""
