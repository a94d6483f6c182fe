"""Hostile inputs built from scratch: every file here is made in memory, none is committed."""

from __future__ import annotations

import random
import struct
from pathlib import Path

AUDIO_SUFFIXES = ("wav", "mp3", "ogg", "webm", "m4a", "flac", "opus")
REAL_CLIPS = ("clean.wav", "clean.mp3", "clean.ogg", "clean.webm", "clean.m4a", "clean.flac")


def random_bytes(seed: int, size: int = 5000) -> bytes:
    return random.Random(seed).randbytes(size)


def truncated(data: bytes, fraction: float) -> bytes:
    return data[: max(1, int(len(data) * fraction))]


def corrupted(data: bytes, seed: int) -> bytes:
    """Every 97th byte from a third of the way in flipped: a damaged disk or a bad transfer."""
    damaged = bytearray(data)
    for i in range(len(damaged) // 3 + random.Random(seed).randrange(97), len(damaged), 97):
        damaged[i] ^= 0xFF
    return bytes(damaged)


def wav_claiming_4gb(payload: bytes) -> bytes:
    """A 16 kHz mono 16-bit WAV header whose RIFF and data sizes say ~4 GB, then a little data."""
    fmt = struct.pack("<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16)
    return (
        b"RIFF"
        + struct.pack("<I", 0xFFFFFFF0)
        + b"WAVEfmt "
        + fmt
        + b"data"
        + struct.pack("<I", 0xFFFFFFE0)
        + payload
    )


def _crc8(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def _crc16(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x8005) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def _utf8_number(n: int) -> bytes:
    """FLAC codes frame numbers like UTF-8 (up to 36 bits)."""
    if n < 0x80:
        return bytes([n])
    length = next(k for k in range(2, 7) if n < 1 << (5 * k + 1))
    first_mask = (0xFF00 >> length) & 0xFF
    out = []
    for _ in range(length - 1):
        out.append(0x80 | (n & 0x3F))
        n >>= 6
    return bytes([first_mask | n]) + bytes(reversed(out))


def flac_of_silence(seconds: float, sample_rate: int = 8000, *, declare_length: bool = False) -> bytes:
    """A real FLAC stream of digital silence: one constant subframe per 65,535 samples.

    Ten hours come out at about 60 kB. With `declare_length` False the header says "length
    unknown" (allowed by the format), so only decoding can tell how long it is.
    """
    block = 65535
    total = int(seconds * sample_rate)
    info = struct.pack(">HH", block, block) + b"\x00" * 6
    packed = (sample_rate << 44) | (0 << 41) | (15 << 36) | (total if declare_length else 0)
    info += packed.to_bytes(8, "big") + b"\x00" * 16
    out = bytearray(b"fLaC" + bytes([0x80, 0, 0, 34]) + info)
    for number in range((total + block - 1) // block):
        size = min(block, total - number * block)
        header = bytes([0xFF, 0xF8, 0x70, 0x08]) + _utf8_number(number) + struct.pack(">H", size - 1)
        header += bytes([_crc8(header)])
        frame = header + b"\x00" + b"\x00\x00"  # constant subframe, value 0
        out += frame + struct.pack(">H", _crc16(frame))
    return bytes(out)


def hostile_names() -> list[str]:
    return [
        "../../../../tmp/escaped.wav",
        "..\\..\\windows.wav",
        "quote\"s and 'apostrophes'.wav",
        "new\nline.wav",
        "<img src=x onerror=alert(1)>.wav",
        "/etc/passwd",
        "",
        "a" * 300 + ".wav",
        "naïve — ✓ 日本語.wav",
        ".hidden.wav",
        "CON.wav",
        "x.wav\x00.exe",
        "\x1b[2J\x1b[31mterminal-escape.wav",
    ]


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path
