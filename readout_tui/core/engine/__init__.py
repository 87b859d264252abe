"""The comparison engine: statements, evidence, decisions; headless and pure."""
