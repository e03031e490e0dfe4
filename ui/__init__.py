"""Qt widgets only: windows, step pages, projector, actions, undo commands, theme."""
