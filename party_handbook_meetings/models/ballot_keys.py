# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The key files of secret ballots, outside PostgreSQL.

``<data_dir>/party_ballot_keys/<database>/<motion id>.key`` holds a motion's
private key (and its public key); ``<motion id>.pub`` the public key alone,
which is what votes are encrypted with (the copy in the database is only
checked against it, so that rewriting the database cannot make voters
encrypt for another key). Directories are 0700, files 0600, written to a
temporary file, fsynced and renamed, so that a file is either whole or
absent. Destroying a key overwrites the file before unlinking it (a best
effort: journaling and copy-on-write storage may keep old blocks).

With several Odoo hosts, ``data_dir`` must be storage they share (like the
filestore): the key written when the vote opens on one host is read by the
votes and the close on the others.

Nothing here is reachable from a model method that returns a key: the
models call these functions and keep no copy.
"""
import contextlib
import errno
import os
import re
import secrets

from odoo.tools import config

FOLDER = "party_ballot_keys"
# Tests point this at a temporary directory (never a context key: a caller
# must not choose where keys go).
KEY_ROOT = None
KEY_MAGIC = "party-ballot-key 1"
PUBLIC_MAGIC = "party-ballot-public-key 1"
_NAME = re.compile(r"^(\d+)\.(key|pub)$")
_TEMPORARY = re.compile(r"^\.(\d+)\.(key|pub)\.[0-9a-f]+\.tmp$")
_DATABASE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


class KeyFileError(Exception):
    """A key file that cannot be written, or is not what it should be."""


def key_dir(dbname):
    if not _DATABASE.match(dbname or ""):
        raise KeyFileError("unexpected database name %r" % dbname)
    root = KEY_ROOT or os.path.join(config["data_dir"], FOLDER)
    return os.path.join(root, dbname)


def _path(dbname, motion_id, kind):
    return os.path.join(key_dir(dbname), "%d.%s" % (int(motion_id), kind))


def _ensure_dir(path):
    parent = os.path.dirname(path)
    for folder in (parent, path):
        os.makedirs(folder, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)


def _fsync_dir(path):
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(folder, name, text):
    temporary = os.path.join(folder, ".%s.%s.tmp" % (name, secrets.token_hex(8)))
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, text.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.replace(temporary, os.path.join(folder, name))
    except OSError:
        os.unlink(temporary)
        raise


def write_key(dbname, motion_id, x, h):
    """Store a new motion's key pair (replacing a file left by an opening
    that was rolled back)."""
    folder = key_dir(dbname)
    motion_id = int(motion_id)
    try:
        _ensure_dir(folder)
        _write_atomic(folder, "%d.pub" % motion_id, "%s\nmotion %d\npublic %x\n" % (
            PUBLIC_MAGIC, motion_id, h))
        _write_atomic(folder, "%d.key" % motion_id,
                      "%s\nmotion %d\npublic %x\nprivate %x\n" % (
                          KEY_MAGIC, motion_id, h, x))
        _fsync_dir(folder)
    except OSError as error:
        raise KeyFileError(error.strerror or str(error))


def _read(dbname, motion_id, kind, magic):
    """{field: int} of a key file, or None when there is none."""
    try:
        with open(_path(dbname, motion_id, kind), encoding="ascii") as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise KeyFileError(str(error))
    if not lines or lines[0] != magic:
        raise KeyFileError("not a ballot key file")
    try:
        values = dict(line.split(" ", 1) for line in lines[1:])
        result = {name: int(value, 10 if name == "motion" else 16)
                  for name, value in values.items()}
    except ValueError:
        raise KeyFileError("damaged ballot key file")
    if result.get("motion") != int(motion_id):
        raise KeyFileError("the key file belongs to another motion")
    return result


def read_public_key(dbname, motion_id):
    """The public key votes are encrypted with, or None."""
    values = _read(dbname, motion_id, "pub", PUBLIC_MAGIC)
    return values and values.get("public")


def read_private_key(dbname, motion_id):
    """(x, h) of the motion, or None when the key file is missing."""
    values = _read(dbname, motion_id, "key", KEY_MAGIC)
    if values is None:
        return None
    if "private" not in values or "public" not in values:
        raise KeyFileError("damaged ballot key file")
    return values["private"], values["public"]


def _shred(path):
    """Overwrite a file with zeros, then unlink it; True if it existed."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return False
    try:
        size = os.fstat(fd).st_size
        os.write(fd, b"\0" * size)
        os.fsync(fd)
    finally:
        os.close(fd)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    return True


def destroy_path(path):
    removed = _shred(path)
    if removed:
        _fsync_dir(os.path.dirname(path))
    return removed


def destroy(dbname, motion_id):
    """Overwrite and remove a motion's key files (private key first)."""
    removed = False
    for kind in ("key", "pub"):
        removed = destroy_path(_path(dbname, motion_id, kind)) or removed
    return removed


def list_files(dbname):
    """[(motion id, path, modification time)] of the database's key files
    (temporary ones included), oldest first."""
    folder = key_dir(dbname)
    try:
        names = os.listdir(folder)
    except OSError as error:
        if error.errno == errno.ENOENT:
            return []
        raise
    result = []
    for name in names:
        match = _NAME.match(name) or _TEMPORARY.match(name)
        if not match:
            continue
        path = os.path.join(folder, name)
        try:
            mtime = os.stat(path).st_mtime
        except FileNotFoundError:
            continue
        result.append((int(match.group(1)), path, mtime))
    return sorted(result, key=lambda item: (item[2], item[1]))
