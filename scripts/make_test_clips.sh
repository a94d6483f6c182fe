#!/usr/bin/env bash
# Make the small real clips in tests/data/ from espeak-ng speech, mixed and converted with sox
# and ffmpeg. Deterministic for a given espeak-ng version; the texts are the ground truth.
set -euo pipefail
# sox dithers what it writes at 16 bits (silence made with -n too) from a random seed unless -R:
# repeatable, so the clips are the same bytes every run
export SOX_OPTS="-R"
out="${1:-$(dirname "$0")/../tests/data}"
mkdir -p "$out"
cd "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() {  # say VOICE SPEED TEXT OUT.wav   -> 16 kHz mono 16-bit
  espeak-ng -v "$1" -s "$2" -w "$tmp/raw.wav" "$3"
  sox -R "$tmp/raw.wav" -r 16000 -c 1 -b 16 "$4"
}

CLEAN="In my last role our checkout service was failing during peak traffic. I was asked to find the cause within a week. I added tracing to every request, found a slow database query, and rewrote it with an index. As a result, checkout errors dropped by ninety percent and revenue recovered."
printf '%s\n' "$CLEAN" > clean.txt
say en-us 160 "$CLEAN" clean.wav

FILLERS_A="So, um, the project was, uh, behind schedule and the team was, um, worried."
FILLERS_B="Uh, I set up a daily check in, and, um, we shipped on time."
printf '%s %s\n' "$FILLERS_A" "$FILLERS_B" > fillers.txt
say en-us 150 "$FILLERS_A" "$tmp/a.wav"
say en-us 150 "$FILLERS_B" "$tmp/b.wav"
sox -n -r 16000 -c 1 -b 16 "$tmp/gap.wav" trim 0 2.0
sox "$tmp/a.wav" "$tmp/gap.wav" "$tmp/b.wav" fillers.wav

# Telephone quality: 300-3400 Hz band, 8 kHz, 8-bit mu-law stored as WAV.
sox clean.wav -r 8000 -e mu-law phone_8k.wav sinc 300-3400

# Stereo: the answer on the left, a different voice asking on the right.
say en-gb+m3 170 "Tell me about a time you fixed a production problem." "$tmp/q.wav"
qlen=$(soxi -D "$tmp/q.wav")
sox "$tmp/q.wav" "$tmp/qpad.wav" pad 0 "$(soxi -D clean.wav)"
sox clean.wav "$tmp/apad.wav" pad "$qlen" 0
sox -M "$tmp/apad.wav" "$tmp/qpad.wav" stereo.wav

# What browsers and phones record. -map_metadata -1 and bitexact keep the files reproducible.
ff() { ffmpeg -loglevel error -y -i clean.wav -map_metadata -1 -fflags +bitexact "$@"; }
ff -ar 48000 -c:a libopus -b:a 24k clean.webm
ff -ar 48000 -c:a libopus -b:a 24k clean.ogg
ff -ar 44100 -ac 2 -c:a libmp3lame -b:a 48k clean.mp3
ff -ar 22050 -c:a aac -b:a 32k clean.m4a
ff -ar 44100 clean.flac

# Bad input.
sox -n -r 16000 -c 1 -b 16 silence.wav trim 0 3.0
sox clean.wav short.wav trim 0 0.3
printf 'This is a text file, not a recording.\n' > not_audio.wav
head -c 2000 clean.mp3 > truncated.mp3
: > empty.wav
# Steady low noise and no words: decodes fine, is not silent, holds no speech.
sox -n -r 16000 -c 1 -b 16 noise.wav synth 3.0 brownnoise vol 0.05

# Flat and lively voices for the prosody measures (issue 20): the same sentence with SSML pitch
# range x-low and x-high (espeak-ng -m), three voices.
mkdir -p prosody
PROSODY="I added tracing to every request, found a slow database query, and rewrote it with an index, so checkout errors dropped by ninety percent."
for voice in en-us en-gb en-us+f3; do
  for range in x-low x-high; do
    name=$(printf '%s' "$voice" | tr '+' '-')_$([ "$range" = x-low ] && echo flat || echo lively)
    espeak-ng -m -v "$voice" -s 160 -w "$tmp/raw.wav" "<speak><prosody range=\"$range\">$PROSODY</prosody></speak>"
    sox "$tmp/raw.wav" -r 16000 -c 1 -b 16 "prosody/$name.flac"
  done
done
echo "clips written to $out"
