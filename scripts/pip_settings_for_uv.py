"""This machine's pip settings as uv options, one a line (scripts/setup.sh installs with uv, which
does not read pip's configuration files or PIP_* variables).

    .venv/bin/python scripts/pip_settings_for_uv.py

Carried over: local wheel folders (find-links), the index and extra indexes, and constraint files
(a cap that keeps torch to the CPU wheel on this machine's disk). A folder, index or file that does
not exist is left out, as pip leaves it out with a warning.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

OPTIONS = {  # pip's setting: uv's option
    "find-links": "--find-links",
    "index-url": "--index-url",
    "extra-index-url": "--extra-index-url",
    "constraint": "--constraint",
}


def settings(listed: str) -> list[str]:
    """`pip config list`'s lines ("global.find-links='/opt/wheels'", ":env:.constraint='...'") as
    uv options; environment values first, as pip lets them win."""
    values: dict[str, list[str]] = {key: [] for key in OPTIONS}
    lines = sorted(listed.splitlines(), key=lambda line: not line.startswith(":env:"))
    for line in lines:
        name, _, value = line.partition("=")
        key = name.rsplit(".", 1)[-1]
        if key in OPTIONS and value:
            for item in ast.literal_eval(value).split():
                if item not in values[key] and _exists(item):
                    values[key].append(item)
    if len(values["index-url"]) > 1:  # one index: the first (the environment's)
        values["index-url"] = values["index-url"][:1]
    return [part for key, items in values.items() for item in items for part in (OPTIONS[key], item)]


def _exists(item: str) -> bool:
    if item.startswith("file://"):
        return Path(item.removeprefix("file://")).exists()
    if "://" in item:
        return True
    return Path(item).exists()


def main() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True, check=True
    ).stdout
    for part in settings(listed):
        print(part)


if __name__ == "__main__":
    main()
