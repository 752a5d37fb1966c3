"""Developer tools (code generation). Not part of the public API."""
