"""``python3 noxfile.py ARGS``: nox at the version the lock pins, with nothing installed by hand.

A fresh machine has a Python and nothing else, and Debian's and Ubuntu's own Python refuses
``pip install`` outside a virtual environment (PEP 668, "externally-managed-environment").
So the noxfile, run as a script, comes here:

1. a nox at the pinned version that the running Python can import (a virtual environment's,
   a user's) runs the noxfile directly;
2. otherwise ``.nox/_bootstrap`` is made with ``python3 -m venv``, the pinned nox installed
   into it from the lock (``constraints.txt``), and the noxfile run again with its Python
   (later runs find it there, and install nothing);
3. where ``venv`` cannot make an environment (Debian and Ubuntu without ``python3-venv``),
   ``pipx run`` runs the pinned nox instead; where there is no pipx either, one line says
   what to install.

Standard library only: this runs before anything is installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "constraints.txt"
VENV = ROOT / ".nox" / "_bootstrap"
#: Written into the environment once the pinned nox is in it.
STAMP = "nox-version"
#: Set for the run in the environment made here (so that it cannot start itself again).
_AGAIN = "WORKSHOP_NOX_BOOTSTRAPPED"


def pinned_nox(lock: Path = LOCK) -> str:
    """The version of nox the lock pins."""
    try:
        text = lock.read_text(encoding="utf-8")
    except OSError as error:
        raise SystemExit(
            f"error: {lock}: cannot be read ({error.strerror}): it is the project's lock"
        ) from None
    found = re.search(r"^nox==([^\s;#]+)", text, flags=re.MULTILINE)
    if found is None:
        raise SystemExit(f"error: {lock}: pins no version of nox: run `nox -s lock` to make the lock again")
    return found[1]


def importable_nox() -> str | None:
    """The version of the nox the running Python imports, or None."""
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("nox")
    except PackageNotFoundError:
        return None


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def make_venv(pin: str, venv: Path) -> bool:
    """``venv`` with nox ``pin`` in it; False where ``python -m venv`` cannot make one."""
    python = venv_python(venv)
    stamp = venv / STAMP
    if python.exists() and stamp.is_file() and stamp.read_text().strip() == pin:
        return True
    shutil.rmtree(venv, ignore_errors=True)
    print(f"bootstrap: a virtual environment for nox {pin} in {venv.relative_to(ROOT)}", file=sys.stderr)
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
    if made.returncode != 0 or not python.exists():
        shutil.rmtree(venv, ignore_errors=True)  # Debian leaves a half-made one behind
        return False
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    done = subprocess.run([*install, "-c", str(LOCK), f"nox=={pin}"])
    if done.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        raise SystemExit(f"error: nox {pin} could not be installed into {venv} (see pip's message above)")
    stamp.write_text(pin + "\n")
    return True


def run(noxfile: Path, argv: list[str]) -> None:
    """Run nox on ``noxfile`` with ``argv``, by the first of the three ways that works."""
    pin = pinned_nox()
    if importable_nox() == pin:
        from nox.__main__ import main

        os.environ.pop(_AGAIN, None)
        sys.argv = ["nox", "--noxfile", str(noxfile), *argv]
        main()
        return
    if os.environ.get(_AGAIN):  # the environment's own Python, and still no pinned nox
        raise SystemExit(f"error: {VENV} holds no nox {pin}: delete the folder and run this again")
    if make_venv(pin, VENV):
        python = str(venv_python(VENV))
        os.environ[_AGAIN] = "1"
        os.execv(python, [python, str(noxfile), *argv])
    pipx = shutil.which("pipx")
    if pipx is not None:
        os.execv(pipx, [pipx, "run", "--spec", f"nox=={pin}", "nox", "--noxfile", str(noxfile), *argv])
    raise SystemExit(
        f"error: {sys.executable} cannot make a virtual environment (python3 -m venv): install "
        "python3-venv (Debian, Ubuntu: sudo apt-get install python3-venv) or pipx, then run this again"
    )
