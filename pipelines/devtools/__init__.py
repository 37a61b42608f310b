"""Developer tools, not production code: the benchmark and the scoring against gold files."""
