"""Solidarity Atlas: settings, translations and the `atlas` command, shared by every layer."""
