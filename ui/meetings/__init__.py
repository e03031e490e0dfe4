"""Review meetings after the workshop (DESIGN §3): the meeting runner, its projector view and the
progress charts, on the same session model, timer, keys and undo stack as the workshop."""
