"""DfE staff's imports in the admin: teacher records and schools (a GIAS-style CSV), each
uploaded, previewed with row-level errors, then confirmed with a note."""
