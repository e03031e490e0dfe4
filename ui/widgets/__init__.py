"""Widgets more than one window or page builds on: editors bound to a field (`fields`), editable
lists of rows (`row_list`), the timer bar (`timer_bar`, the workshop's and the meetings') and the
side panel's folding sections (`side_panel`)."""
