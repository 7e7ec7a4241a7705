"""Figures as pure functions: DataFrame and options in, plotly Figure out; no browser needed."""
