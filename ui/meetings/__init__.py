"""Review meetings after the workshop (ARCHITECTURE.md, Review meetings): the meeting runner, its projector view and the
progress charts, on the same session model, timer, keys and undo stack as the workshop."""
