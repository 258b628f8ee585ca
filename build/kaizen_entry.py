"""PyInstaller entry point: the same ``main()`` as the ``kaizen-check`` command (no arguments opens the window)."""

import sys

from app.launch import main

if __name__ == "__main__":
    sys.exit(main())
