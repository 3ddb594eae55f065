"""Per story: statements, findings, coverage and framing, brief."""
