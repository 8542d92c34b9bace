"""Entry point of the console executable `proactive-desktop` in the packaged app (build.spec).

The same command line as `python -m proactive_desktop`; a console executable of its own because a
windowed Windows executable has no stdout or stderr.
"""

import sys

from proactive_desktop.cli import main

sys.exit(main())
