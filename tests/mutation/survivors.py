"""Print the score per module and every surviving (or untested) mutant with its diff.

Run in the snapshot that tests/mutation/run.sh uses (it does: `tests/mutation/run.sh --report`).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from mutmut.__main__ import SourceFileMutationData, walk_mutatable_files
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code


def main(show_diffs: bool) -> None:
    totals = Counter()
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=Path(path))
        data.load()
        statuses = {name: status_by_exit_code[code] for name, code in data.exit_code_by_key.items()}
        counts = Counter(statuses.values())
        done = sum(n for status, n in counts.items() if status != "not checked")
        if not done:
            continue
        killed = counts["killed"] + counts["timeout"] + counts["segfault"]
        totals.update(counts)
        print(f"{path}: {killed}/{len(statuses)} killed, {dict(counts)}")
        for name, status in sorted(statuses.items()):
            if status in ("survived", "no tests", "suspicious") and show_diffs:
                print(f"--- {name}: {status}")
                print(get_diff_for_mutant(name, path=path))
    print("total:", dict(totals))


if __name__ == "__main__":
    main(show_diffs="--diffs" in sys.argv)
