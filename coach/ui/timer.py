"""A preparation countdown and answer timer that run in the browser, without reruns.

The timer is plain HTML and JavaScript inside a component frame: it needs no server round trip
a second, and it shows the question's target length so the user sees when to wrap up.
"""

from __future__ import annotations

import html

TIMER_HEIGHT = 64


def timer_html(target_s: int, prep_s: int = 30) -> str:
    """Two buttons (prepare, answer) and a clock that turns amber at the target, red past 1.5×."""
    target_s, prep_s = int(target_s), int(prep_s)
    label = html.escape(f"{target_s // 60}:{target_s % 60:02d}")
    return f"""
<div id="cf-timer" style="font-family: 'Source Sans Pro', system-ui, sans-serif; display:flex;
     align-items:center; gap:0.8rem; padding:0.5rem 0.2rem; color:#1f2a33">
  <button id="cf-prep" style="{_button()}">Prepare {prep_s} s</button>
  <button id="cf-go" style="{_button(primary=True)}">Start answer timer</button>
  <span id="cf-clock" aria-live="polite" style="font-size:1.6rem; font-variant-numeric:tabular-nums;
        font-weight:600; min-width:5.5rem">0:00</span>
  <span id="cf-note" style="font-size:0.95rem; color:#4a5661">target {label}</span>
</div>
<script>
(function() {{
  const target = {target_s}, prep = {prep_s};
  const clock = document.getElementById('cf-clock'), note = document.getElementById('cf-note');
  let timer = null;
  const fmt = s => Math.floor(s / 60) + ':' + String(Math.floor(s % 60)).padStart(2, '0');
  function run(seconds, down, onTick) {{
    clearInterval(timer);
    const start = Date.now();
    timer = setInterval(() => {{
      const t = (Date.now() - start) / 1000;
      onTick(down ? Math.max(seconds - t, 0) : t);
    }}, 250);
  }}
  document.getElementById('cf-prep').onclick = () => run(prep, true, s => {{
    clock.textContent = fmt(Math.ceil(s));
    note.textContent = s > 0 ? 'preparing: note S, T, A, R' : 'start speaking';
    if (s <= 0) clearInterval(timer);
  }});
  document.getElementById('cf-go').onclick = () => run(0, false, s => {{
    clock.textContent = fmt(s);
    clock.style.color = s > 1.5 * target ? '#b42318' : (s > target ? '#b45309' : '#1f2a33');
    note.textContent = s > target ? 'past the target {label}: wrap up with the result' : 'target {label}';
  }});
}})();
</script>
"""


def _button(primary: bool = False) -> str:
    colours = (
        "background:#2f6f5e; color:white; border:1px solid #2f6f5e"
        if primary
        else "background:white; color:#1f2a33; border:1px solid #c4ccd3"
    )
    return f"{colours}; border-radius:0.5rem; padding:0.4rem 0.8rem; font-size:0.95rem; cursor:pointer"
