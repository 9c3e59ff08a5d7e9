"""Import rules from docs/architecture.md: lower layers never import higher ones."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "viewer"
LAYER = {
    "viewer.domain": 0, "viewer.errors": 0, "viewer.paths": 0, "viewer": 0,
    "viewer.text": 1, "viewer.archive": 2, "viewer.userdata": 2, "viewer.ingest": 3, "viewer.reports": 3,
    "viewer.cli": 4, "viewer.ui": 4, "viewer.app": 5, "viewer.__main__": 5,
}
ALLOWED_THIRD_PARTY = {"jieba": {"viewer.text.segment"}, "PySide6": {"viewer.ui", "viewer.app"},
                       "sqlalchemy": {"viewer.userdata"}, "alembic": {"viewer.userdata"},
                       "platformdirs": {"viewer.userdata"}}

# Of the archive, ingest reads only what fixes the file's format and the parallel helpers.
INGEST_MAY_IMPORT = {"viewer.archive.schema", "viewer.archive.index", "viewer.archive.parallel"}


def layer_of(module: str) -> tuple[str, int]:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in LAYER:
            return key, LAYER[key]
    raise KeyError(module)


def modules():
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module in ("viewer", "viewer.archive"):  # from viewer.archive import schema
                yield from (f"{node.module}.{a.name}" for a in node.names)
            else:
                yield node.module


@pytest.mark.parametrize(("name", "tree"), list(modules()), ids=lambda x: x if isinstance(x, str) else "")
def test_layers(name, tree):
    own_key, own_layer = layer_of(name)
    for imported in imports(tree):
        root = imported.split(".")[0]
        if root in ALLOWED_THIRD_PARTY:
            assert any(name == m or name.startswith(m + ".") for m in ALLOWED_THIRD_PARTY[root]), (name, imported)
        if root != "viewer" or imported == "viewer":
            continue
        key, layer = layer_of(imported)
        if key == own_key:
            continue
        assert layer < own_layer or own_layer == 5, (name, imported)  # 5: the composition root
        if (key, own_key) == ("viewer.archive", "viewer.ingest"):
            assert imported in INGEST_MAY_IMPORT, (name, imported)
        assert {key, own_key} != {"viewer.archive", "viewer.userdata"}
        assert {key, own_key} != {"viewer.cli", "viewer.ui"}


MAX_LINES = 450
# Split by the user-data work (opening, checks, backups and upgrades apart from the annotation API).
@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
