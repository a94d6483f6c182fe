#!/usr/bin/env bash
# Everything the coach needs on a fresh Debian/Ubuntu machine, idempotently:
# system packages (only when one is missing), a .venv, and the Python packages (only when
# pyproject.toml or this script changed). Run by `make setup`, `make run` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(ffmpeg sox libsox-fmt-all espeak-ng libportaudio2 libsndfile1 chromium postgresql util-linux)
PYTHON=${PYTHON:-python3}

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=".venv/.coach-installed-$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
# pip warns once per package about this machine's optional second local index; not our concern.
pip_install() { .venv/bin/python -m pip install -q "$@" 2> >(grep -v "is neither a file nor a directory" >&2); }
# uv installs the same packages as pip, resolved the same (same versions, checked with pip freeze,
# 4 Dec 2026), in about 17 s where pip took about 70 s: it fetches and unpacks in parallel. uv does
# not read pip's settings, so this machine's (local wheel folders, extra indexes, version caps) are
# handed to it, and like pip it takes the highest version any index offers (uv's default takes the
# first index that has the package), and compiles the packages' bytecode as pip does (uv does not by
# default; where PYTHONDONTWRITEBYTECODE is set, as here, every process then compiled torch, spaCy
# and the rest again: `coach analyze --text` took 12 s of CPU instead of 3); if uv cannot be
# installed or fails, pip does the same install.
uv_install() {
  [ -x .venv/bin/uv ] || pip_install uv || return 1
  local listed settings=()
  listed=$(.venv/bin/python scripts/pip_settings_for_uv.py) || return 1
  [ -z "$listed" ] || mapfile -t settings <<<"$listed"
  .venv/bin/uv pip install -q --python .venv/bin/python --index-strategy unsafe-best-match --compile-bytecode \
    "${settings[@]}" "$@"
}
install() { uv_install "$@" || { pip_install --upgrade pip && pip_install "$@"; }; }
if [ ! -f "$stamp" ]; then
  echo "Installing Python packages into .venv"
  # Installed without their declared dependencies, which pyproject.toml lists instead:
  # openai-whisper's `triton` (1 GB, used only on GPUs); resemblyzer's `webrtcvad` (needs the
  # removed pkg_resources; webrtcvad-wheels provides the module) and `typing` backport.
  install --no-deps "openai-whisper==20250625" "resemblyzer==0.1.4"
  install -e ".[dev]"
  # Importing librosa compiles its numba kernels and caches them inside the venv. The coach itself
  # no longer imports librosa (its voice measures and its run of resemblyzer's speaker encoder
  # compute librosa's numbers in numpy), but three test files do: tests/test_voice_frames.py and
  # tests/test_voice_encoder.py (through resemblyzer) compare with it, tests/test_practice.py
  # stretches a clip with it. Two processes compiling them at once on a fresh venv (the two test
  # processes) wrote a cache that made every later process crash (segmentation fault in
  # librosa.yin): compile them here, once, in one process.
  .venv/bin/python -c "import librosa.core.pitch, librosa.feature"
  rm -f .venv/.coach-installed-*
  touch "$stamp"
fi
