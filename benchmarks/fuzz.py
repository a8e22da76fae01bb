"""The full fuzz run (issue 11): every hostile input through `juesuan check`, `parse` and, for
packages, `build`, each as a process under a memory and time limit; prints the counts per class and
kind, the failing runs grouped by cause, and the total time.

Run: .venv/bin/python benchmarks/fuzz.py [--seed 0] [--count N] [-j 2] [--timeout 60] [--memory-mb 2048]
     [--save-failures DIR]   (more options: --help; what the classes mean: docs/fuzzing.md)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
