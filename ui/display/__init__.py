"""The waiting room's "now calling" screen, a window of its own for a second monitor."""
