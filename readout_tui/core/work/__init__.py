"""The analyst's work over a comparison: decisions, sessions, mentions, the workspace."""
