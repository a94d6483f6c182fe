"""Presentation for the Streamlit pages: widgets, charts, HTML and text shaped for a page.

No decisions live here: what to recommend, what a debrief or an edit saves, how data is backed up
and how a recording is reviewed are modules of `coach/` that the pages and the CLI both call.
`shared` holds the Streamlit widgets every page uses; the other modules (highlight, charts,
summary, timer, log_labels) return HTML, charts and rows without Streamlit, so tests call them
directly. Only pages import this package.
"""
