"""Every chart with one, two and twenty points, drawn as the pages draw them (for the browser test
and its screenshots): `streamlit run tests/e2e/chart_gallery.py`."""

import sys
from pathlib import Path

import streamlit as st

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1])]

from chart_cases import (  # noqa: E402
    SIZES,
    answer_with_pauses,
    attempts,
    long_star_answer,
    sample_star_answer,
    star_answer,
    trend_series,
)

from coach.ui import charts  # noqa: E402

st.set_page_config(layout="wide")
for n in SIZES:
    with st.container(key=f"gallery_trend_{n}"):
        st.subheader(f"Over time, {n}")
        st.altair_chart(charts.trend_chart(trend_series(n), "pace (words per minute)", (130, 175)))
    with st.container(key=f"gallery_pauses_{n}"):
        st.subheader(f"Pauses, {n}")
        st.altair_chart(charts.pause_chart(answer_with_pauses(n)))
    chart = charts.attempts_chart(attempts(n), current_id=n)
    if chart is not None:
        with st.container(key=f"gallery_attempts_{n}"):
            st.subheader(f"Attempts, {n}")
            st.altair_chart(chart)
with st.container(key="gallery_star"):
    st.subheader("Structure over the answer")
    st.altair_chart(charts.star_timeline_chart(star_answer()))
with st.container(key="gallery_star_long"):
    st.subheader("Structure over a whole answer")
    st.altair_chart(charts.star_timeline_chart(long_star_answer()))
with st.container(key="gallery_star_sample"):
    st.subheader("Structure of the sample answer")
    st.altair_chart(charts.star_timeline_chart(sample_star_answer()))
