"""Use cases, one module per area. Each public call is one transaction (DESIGN rule 2)."""
