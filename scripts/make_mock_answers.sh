#!/usr/bin/env bash
# Answer clips for a two-question mock interview (tests/data/mock/), spoken by espeak-ng and
# converted with sox -R (repeatable bytes). One clip per turn, in the order the interviewer asks:
#   01 the opener ("Tell me about yourself.", a free answer) -> the question's own follow-up
#   02 the answer to that follow-up
#   03 a story with no result, its actions told as "we" -> "What was the outcome? ..."
#   04 the outcome, with a number
# The texts beside each clip are the ground truth.
# browser/story.wav, a shorter story with no result (11.6 s, 11.4 s of it speech: above the 10 s
# the quality gate asks before it scores), is the one clip tests/e2e/test_mock_browser.py's fake
# microphone plays for every turn, in real time; a subfolder, so `coach mock --answers` of this
# folder does not take it for a fifth answer.
set -euo pipefail
out="${1:-$(dirname "$0")/../tests/data/mock}"
mkdir -p "$out/browser"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() {  # say TEXT OUT.wav -> 16 kHz mono 16-bit
  espeak-ng -v en-us -s 160 -w "$tmp/raw.wav" "$1"
  sox -R "$tmp/raw.wav" -r 16000 -c 1 -b 16 "$2"
  printf '%s\n' "$1" > "${2%.wav}.txt"
}

say "I am a backend engineer with eight years of experience. I started in customer support, moved into the payments team, and now I lead a group of five engineers. I enjoy turning slow and fragile systems into fast and reliable ones, and this role interests me because of the scale of the problems you work on." "$out/01-opener.wav"
say "The thread is ownership. In every move I looked for problems where I could own the result from the start to the finish, and where the people around me would teach me something new. Support taught me to listen to customers, and payments taught me to care about every single failed transaction." "$out/02-follow-up.wav"
say "Last year our team inherited a billing service that nobody understood. We were asked to make it reliable before the holiday season. We wrote tests for the riskiest paths, we added alerts on every payment job, and we moved the nightly jobs to a queue." "$out/03-story.wav"
say "In the end failed payments dropped by sixty percent, and we had no outage over the holidays for the first time in three years. I measured it with the error dashboard that I built for the team, and I reviewed the numbers with finance every week." "$out/04-outcome.wav"
say "Last year our team inherited a billing service that nobody understood, and we were asked to make it reliable. We wrote tests for the riskiest paths, and we added alerts on every payment job." "$out/browser/story.wav"
