"""The coach's web server: app.py's pages, with what they play and offer to download at /media
served only to its owner in multi-user mode (coach.media_guard). `make run` and `make
serve-cohort` start it (`streamlit run serve.py`); for one person it serves exactly what
`streamlit run app.py` does."""

import streamlit as st
from starlette.middleware import Middleware

from coach.media_guard import MediaGuard

app = st.App("app.py", middleware=[Middleware(MediaGuard)])
