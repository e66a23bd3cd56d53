"""Dialogs: sign-in, the first-start setup wizard, the idle lock, About, and the task dialogs of each panel."""
