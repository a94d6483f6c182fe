"""Helpers for the Streamlit pages that tests can call without Streamlit.

Pages stay thin: they lay out widgets and call these functions (HTML for the highlighted
transcript, Altair charts, plain rows for tables), which decide what the user sees.
"""
