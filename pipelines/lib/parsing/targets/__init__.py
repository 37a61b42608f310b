"""Stage 6, targets: each target of a task paired with the progress figure that reports on it."""
