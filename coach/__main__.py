"""`python -m coach`, the same as the `coach` command (for a checkout without the console script)."""

from coach._entry import main

main()
