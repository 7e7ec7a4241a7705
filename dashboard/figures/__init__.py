"""Figures as pure functions: DataFrame and options in, plotly Figure out; no browser needed."""

import plotly.io as pio

# Every figure's template, set once: passing `template=` to each figure validates and copies the
# whole template again, about 15 ms a figure, more than the query behind it.
pio.templates.default = "plotly_white"
