"""Stage 4, figures: every figure of a text (a number with its unit) and what the words around it say."""
