"""`python -m coach`, the same as the `coach` command (for a checkout without the console script)."""

import sys

try:
    from coach.cli import main
except KeyboardInterrupt:  # Ctrl+C while Python reads the coach's modules: a traceback of an import
    sys.stderr.write("Stopped by the user; nothing was lost.\n")
    raise SystemExit(130) from None

main()
