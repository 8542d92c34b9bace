"""Entry point of the windowed executable in the packaged app (build.spec): opens the wizard."""

import sys

from proactive_desktop.cli import gui_main

sys.exit(gui_main())
