"""The commands of the ``casereviews`` CLI, one module per family; ``cli.py`` registers them.

Each command parses its options, calls one library function and prints; what
they share (exit codes, remedies, options, terminal facts) is in :mod:`commands.common`.
"""
