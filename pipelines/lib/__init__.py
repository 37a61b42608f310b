"""Plain Python with no Dagster import: parsing, reading and fetching bulletins, the raw folder,
the warehouse helpers, the Great Expectations suites and the settings."""
