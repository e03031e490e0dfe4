"""The workshop domain: models, session files, timer, coach, schedule, scoring. Never imports Qt."""

__version__ = "0.1.0"
