"""One page per workshop step, shown in the centre of the facilitator window.

`page_for` is the one place that knows which page class serves which step.
"""

from __future__ import annotations

from workshop import agenda


def page_for(model, step: int):
    """Build the page of `step` (imported here so each page's module loads when first needed)."""
    if step == agenda.PREPARATION:
        from ui.pages.preparation import PreparationPage

        return PreparationPage(model)
    if step == agenda.OVERVIEW:
        from ui.pages.overview import OverviewPage

        return OverviewPage(model)
    if step == agenda.CADENCE:
        from ui.pages.cadence import CadencePage

        return CadencePage(model)
    if step == agenda.WRAP_UP:
        from ui.pages.wrap_up import WrapUpPage

        return WrapUpPage(model)
    from ui.pages.intro import StepIntroPage

    return StepIntroPage(model, step)


def coach_panel(model):
    """The side panel's coach findings (none until the coach is wired to the writing steps)."""
    return None
