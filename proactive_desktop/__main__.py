"""`python -m proactive_desktop` behaves exactly like the `proactive-desktop` command."""

import sys

from proactive_desktop.cli import main

sys.exit(main())
