"""Input and output: reading readouts, articles and pages; reports, exports, safe writes."""
