"""``python -m fupin`` is the ``fupin`` command."""

import sys

from fupin.cli import main

sys.exit(main())
