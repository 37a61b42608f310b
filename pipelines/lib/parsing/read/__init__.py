"""Stage 1, read: a file's bytes decoded (or a document rendered) to one normalised body text,
with the grids of its tables and its page's tags."""
