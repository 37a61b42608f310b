"""Stage 2, metadata: the bulletin's title, year, period and its end, publication date and issuer."""
