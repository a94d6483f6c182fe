"""The answer clock: it starts when the recorder starts and stops when the recorder stops.

The clock is plain HTML and JavaScript in the page itself (no component frame, so nothing is
clipped and there is no scrollbar inside a frame). It watches the page's recorder: while the
recorder shows its stop button, the answer is being recorded and the clock runs; when the stop
button goes, the clock stops at the answer's length. An optional preparation countdown runs
before. It needs no server round trip a second.

For a screen reader the box is a group named "Answer clock"; the clock is a timer, which is not read
out at each tick (it was a live region, read out every second), and the note under it is the live
region: it says when the recording starts, when the target is passed and how long the answer took.
"""

from __future__ import annotations

import html
import json

from coach.analysis.wording import whole_seconds

# The recorder's stop button, present only while it records (Streamlit's st.audio_input).
RECORDING_SELECTOR = '[data-testid="stAudioInput"] button[aria-label="Stop recording"]'


# What the recorder shows when the browser refused it the microphone (Streamlit's st.audio_input:
# "This app would like to use your microphone. Learn how to allow access.", the link a page on the
# web); the clock's note then says how to record here, and what else to do.
BLOCKED_TEXT = "would like to use your microphone"
BLOCKED_NOTE = (
    "The browser did not let the coach use the microphone: allow it for this site (the icon beside "
    "the address), reload this page and record again, or answer with a recording under Upload a file."
)


# Focus follows the recorder. Streamlit's recorder swaps its Record button for a Stop button (and
# back): the focused button left the page and focus fell to the page itself, so a keyboard user
# who pressed Record could not press Stop where they were (Space and Enter did nothing) and a screen
# reader said nothing of the recording having started. Each Stop button that appears while nothing
# has focus takes it, once (focus moved elsewhere since is left there).
RECORDER_FOCUS = f"""<script>
(function() {{
  if (window.__coachRecorderFocus) return;
  window.__coachRecorderFocus = true;
  setInterval(() => {{
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const stop = document.querySelector('{RECORDING_SELECTOR}');
    if (stop && !stop.dataset.coachFocused) {{
      stop.dataset.coachFocused = '1';
      stop.focus();
    }}
  }}, 100);
}})();
</script>"""


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


# What the preparation countdown says to do, by the question's format (coach.banks.FORMATS): a story
# is noted as situation, task, action, result; "Tell me about yourself." was told the same.
PREPARING = {
    "star": "preparing: note the situation, task, action, result",
    "free": "preparing: note the two or three points you will make",
}


def timer_html(
    target_s: int, prep_s: int = 30, take: str = "", format: str = "star", took_s: float | None = None
) -> str:
    """A preparation button and a clock linked to the recorder; amber at the target, red past 1.5×.

    `take` names the take: a new take (another question, "Try again") starts from 0:00. `format`:
    the question's (a story, "star", or a free answer), which says what to note while preparing.
    `took_s`: the take's length once it is analysed; the stopped clock then reads it in whole seconds,
    as the page's Length and the recorder do. Its own count ran from when it saw the Stop button to
    when it saw it go, checked four times a second: 16.02 s for a 15.84 s take, "0:16" beside the
    recorder's "00:15"."""
    target_s, prep_s = int(target_s), int(prep_s)
    took = "" if took_s is None else str(whole_seconds(took_s))
    label = clock(target_s)
    preparing = html.escape(PREPARING.get(format, PREPARING["free"]), quote=True)
    return f"""
<div id="cf-timer" role="group" aria-label="Answer clock"
     data-target="{target_s}" data-prep="{prep_s}" data-take="{html.escape(take, quote=True)}"
     data-preparing="{preparing}" data-took="{took}"
     style="font-family: inherit; display:flex; flex-wrap:wrap;
     align-items:center; gap:0.5rem 0.8rem; padding:0.3rem 0; color:#1f2a33">
  <button id="cf-prep" type="button" style="{_button()}">Prepare {prep_s} s</button>
  <span id="cf-clock" role="timer" style="font-size:1.6rem; font-variant-numeric:tabular-nums;
        font-weight:600; min-width:4.5rem">0:00</span>
  <span id="cf-note" aria-live="polite" style="font-size:0.95rem; color:#4a5661">target {label} ·
        the clock starts with the recording</span>
</div>
<script>
(function() {{
  // one watcher per browser tab, whatever the page reruns; it reads the clock's element each tick
  if (window.__coachTimer) return;
  const state = window.__coachTimer = {{mode: 'idle', start: 0, stopped: 0, take: null}};
  const fmt = s => Math.floor(s / 60) + ':' + String(Math.floor(s % 60)).padStart(2, '0');
  document.addEventListener('click', e => {{
    if (!e.target.closest('#cf-prep') || state.mode === 'answering') return;
    Object.assign(state, {{mode: 'preparing', start: Date.now()}});
  }});
  function tick() {{
    const box = document.getElementById('cf-timer');
    if (!box) return;
    const clock = document.getElementById('cf-clock'), note = document.getElementById('cf-note');
    const target = +box.dataset.target, prep = +box.dataset.prep, label = fmt(target);
    if (state.take !== box.dataset.take) Object.assign(state, {{mode: 'idle', take: box.dataset.take}});
    const recording = document.querySelector('{RECORDING_SELECTOR}') !== null;
    const now = Date.now();
    if (recording && state.mode !== 'answering') Object.assign(state, {{mode: 'answering', start: now}});
    if (!recording && state.mode === 'answering') Object.assign(state, {{mode: 'stopped', stopped: now}});
    const recorder = document.querySelector('[data-testid="stAudioInput"]');
    const blocked = !recording && recorder !== null && recorder.innerText.includes('{BLOCKED_TEXT}');
    if (blocked) state.mode = 'blocked';
    else if (state.mode === 'blocked') state.mode = 'idle';
    box.dataset.mode = state.mode;
    let seconds = 0, text = 'target ' + label + ' · the clock starts with the recording', colour = '#1f2a33';
    if (state.mode === 'preparing') {{
      seconds = Math.max(prep - (now - state.start) / 1000, 0);
      text = seconds > 0 ? box.dataset.preparing
                         : 'start recording when you are ready';
      seconds = Math.ceil(seconds);
    }} else if (state.mode === 'answering' || state.mode === 'stopped') {{
      seconds = ((state.mode === 'stopped' ? state.stopped : now) - state.start) / 1000;
      // stopped and analysed: the take's own length in whole seconds, as its Length says it
      if (state.mode === 'stopped' && box.dataset.took) seconds = +box.dataset.took;
      colour = seconds > 1.5 * target ? '#b42318' : (seconds > target ? '#b45309' : '#1f2a33');
      if (state.mode === 'stopped') text = 'your answer took ' + fmt(seconds) + ' (target ' + label + ')';
      else text = seconds > target ? 'past the target ' + label + ': wrap up with the result'
                                   : 'recording · target ' + label;
    }} else if (state.mode === 'blocked') {{
      text = {json.dumps(BLOCKED_NOTE)};
    }}
    if (clock.textContent !== fmt(seconds)) clock.textContent = fmt(seconds);
    clock.style.color = colour;
    if (note.textContent !== text) note.textContent = text;
  }}
  setInterval(tick, 250);
}})();
</script>
{RECORDER_FOCUS}
"""


def _button() -> str:
    return (
        "background:white; color:#1f2a33; border:1px solid #c4ccd3; border-radius:0.5rem; "
        "padding:0.3rem 0.8rem; font-family:inherit; font-size:0.95rem; cursor:pointer; white-space:nowrap"
    )
