"""readout-tui: compare two accounts of the same event, statement by statement."""

__version__ = "0.1.0"
