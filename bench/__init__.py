"""``make bench``: how fast the portal answers, measured on this machine (a command, not a test).

See ``bench/run.py`` for the options (``python -m bench.run --help``). Outputs go to ``var/bench/``.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
BIN = Path(sys.executable).parent
