"""Stage 5, breakdowns: the wholes and parts a text states among its figures, and whether each holds."""
