"""Stage 3, structure: the bulletin's tasks, each with the spans of its text and progress, as the
task reader that fits the document best reads them (task_readers)."""
