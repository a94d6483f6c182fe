"""scripts/setup.sh installs with uv, which reads none of pip's settings: this machine's are handed
over (scripts/pip_settings_for_uv.py). Without the version cap torch would come from the package
index as its CUDA build (gigabytes) instead of the CPU wheel on this machine's disk."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import pip_settings_for_uv as handover  # noqa: E402


def test_pips_settings_become_uvs_options_the_environments_first(tmp_path):
    wheels, caps, index = tmp_path / "wheels", tmp_path / "caps.txt", tmp_path / "simple"
    wheels.mkdir(), caps.write_text("torch<=2.14.1\n"), index.mkdir()
    listed = "\n".join(
        [
            f"global.extra-index-url='file:///nowhere/simple file://{index}'",
            "global.find-links='/nowhere/wheels'",
            "global.index-url='https://mirror.example/simple'",
            "global.cert='/etc/ssl/certs/ca-certificates.crt'",
            f":env:.find-links='{wheels}'",
            f":env:.constraint='{caps}'",
            ":env:.index-url='https://pypi.example/simple'",
        ]
    )
    assert handover.settings(listed) == [
        "--find-links", str(wheels),
        "--index-url", "https://pypi.example/simple",
        "--extra-index-url", f"file://{index}",
        "--constraint", str(caps),
    ]  # fmt: skip
    assert handover.settings("") == []
