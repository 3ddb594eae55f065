"""Scorers of recoupe against gold annotations."""
