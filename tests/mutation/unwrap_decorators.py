"""Rewrite `@transaction.atomic` / `@contextmanager` on module-level functions as the call they stand for.

mutmut 3 does not mutate decorated functions (it cannot tell a harmless decorator from one with side
effects), and most services are `@transaction.atomic`. In the snapshot that tests/mutation/run.sh
builds (never in the working tree), this turns

    @transaction.atomic
    def contact_create(...): ...

into

    def contact_create(...): ...
    contact_create = transaction.atomic(contact_create)

which is what the decorator syntax means: the same object under the same name. Only these decorators
are unwrapped: `lru_cache` is not (a cache filled by the clean run would answer for the mutant).

Usage: python unwrap_decorators.py FILE...
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

UNWRAPPED = {"transaction.atomic", "contextlib.contextmanager", "contextmanager"}


def unwrap(source: str) -> str:
    lines = source.splitlines(keepends=True)
    edits = []  # (first decorator line, function's last line, name, decorators top to bottom)
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or not node.decorator_list:
            continue
        names = [ast.unparse(decorator) for decorator in node.decorator_list]
        if not all(name in UNWRAPPED for name in names):
            continue
        first = min(decorator.lineno for decorator in node.decorator_list)
        edits.append((first, node.lineno, node.end_lineno, node.name, names))
    for first, def_line, end, name, names in sorted(edits, reverse=True):
        call = name
        for decorator in reversed(names):  # the decorator nearest the def applies first
            call = f"{decorator}({call})"
        lines.insert(end, f"{name} = {call}\n")
        del lines[first - 1 : def_line - 1]
    return "".join(lines)


def main(paths: list[str]) -> None:
    for path in map(Path, paths):
        source = path.read_text()
        result = unwrap(source)
        if result != source:
            path.write_text(result)


if __name__ == "__main__":
    main(sys.argv[1:])
