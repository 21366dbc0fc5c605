"""Assessment of incidents: casualty ranges, the attribution table, contradictions and a grade.

Rules: docs/grading.md; their numbers: civcas/data/grading.toml.
"""

from civcas.assess.assessment import assess_incident, contradictions
from civcas.assess.rules import Rules, load_rules

__all__ = ["Rules", "assess_incident", "contradictions", "load_rules"]
