"""Writes. Every multi-step change is one named function here, run in a transaction."""
