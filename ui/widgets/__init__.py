"""Widgets and helpers the windows share: tables, the day navigator, messages, colours, the idle watch."""
