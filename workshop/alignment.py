"""Which team objectives sit under which company objective: the one copy of the alignment rule.

A team objective is under a company objective when it links to it directly (`parent_objective_id`)
or through one of its key results (`parent_key_result_id`, the duality model). Works on the
service's rows and on a snapshot's records alike.
"""

from __future__ import annotations

from typing import Iterable


def objectives_under(company_objective_id: int, objectives: Iterable, company_key_results: Iterable) -> list:
    """The objectives aligned to a company objective, directly or through one of its key results, in order."""
    kr_ids = {kr.id for kr in company_key_results if kr.company_objective_id == company_objective_id}
    return [o for o in objectives
            if o.parent_objective_id == company_objective_id or o.parent_key_result_id in kr_ids]

