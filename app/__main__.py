"""``python -m app``: the same as the ``kaizen-check`` command."""

import sys

from app.launch import main

sys.exit(main())
