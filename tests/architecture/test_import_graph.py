"""No import cycle between apps' services.

An edge A → B: a domain module of app A (not a door) imports B's services or selectors. Doors (views,
admin, urls, management commands, AppConfig wiring, Celery task modules, the workspace archive, which
exports every app's data like the API does) may call any app. Models may reference each other (a
workspace has a plan, a subscription has a workspace); services must form a graph without cycles, so
each app's services can be read, tested and changed from the bottom up."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOORS = {"views.py", "lifecycle_views.py", "admin.py", "urls.py", "apps.py", "tasks.py", "archive.py"}
DOOR_DIRS = {"management", "migrations", "templatetags"}


def _services_app_of(module: str) -> str | None:
    """The app whose services (or selectors) `module` names, else None."""
    parts = module.split(".")
    if len(parts) > 2 and parts[0] == "apps" and parts[2] in ("services", "selectors"):
        return parts[1]
    return None


def domain_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in (ROOT / "apps").rglob("*.py"):
        rel = path.relative_to(ROOT)
        if path.name in DOORS or DOOR_DIRS & set(rel.parts):
            continue
        app = rel.parts[1]
        if app == "dashboard":  # a door as a whole: views, forms and templates over the services
            continue
        for name in imported_names(ast.parse(path.read_text(), filename=str(path))):
            other = _services_app_of(name)
            if other and other != app:
                edges.setdefault(app, set()).add(other)
    return edges


def imported_names(tree: ast.AST) -> set[str]:
    """Every absolute module a file imports, at the top or inside a function; `from apps.x import
    services` names `apps.x.services` too."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_apps_domain_layers_form_no_cycle():
    cycle = find_cycle(domain_edges())
    assert cycle is None, " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_every_import_form_names_the_services_it_reaches():
    tree = ast.parse(
        "import apps.a.services\n"
        "from apps.b.selectors import x\n"
        "from apps.c import services as c_services\n"
        "def later():\n"
        "    from apps.d.services import y\n"
    )
    reached = {_services_app_of(name) for name in imported_names(tree)} - {None}
    assert reached == {"a", "b", "c", "d"}


def test_the_graph_holds_the_documented_edges():
    """docs/architecture.md names these; an empty or blind scan would pass the cycle test vacuously."""
    edges = domain_edges()
    assert "contacts" in edges.get("conversations", set())
    assert "workspaces" in edges.get("billing", set())
