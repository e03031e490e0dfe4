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
    if step == agenda.CASCADE:
        from ui.pages.cascade import CascadePage

        return CascadePage(model)
    if step == agenda.OBJECTIVES:
        from ui.pages.objectives import ObjectivesPage

        return ObjectivesPage(model)
    if step == agenda.KEY_RESULTS:
        from ui.pages.key_results import KeyResultsPage

        return KeyResultsPage(model)
    if step == agenda.CADENCE:
        from ui.pages.cadence import CadencePage

        return CadencePage(model)
    if step == agenda.WRAP_UP:
        from ui.pages.wrap_up import WrapUpPage

        return WrapUpPage(model)
    raise ValueError(f"there is no step {step}")


def coach_panel(model):
    """The side panel's coach findings for the item being written and the whole set."""
    from ui.coach_panel import CoachPanel

    return CoachPanel(model)
