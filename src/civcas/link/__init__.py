"""Linking: claims of many reports into incidents, and reports into copy families.

    result = link_claims(claims, existing={claim_id: incident_id, ...})
    result.incidents  # claim id -> incident id, every claim
    result.links      # scored pairs at or above the threshold, with what each comparison added
    explain(result.links[0])
    link_claims(claims, find_copies=True).lineages  # copies among the candidate pairs' reports

Weights, threshold and blocking are data: `civcas/data/linking.toml` (`LinkSettings`).
"""

from civcas.link.cluster import LinkResult, link_claims, new_incident_id
from civcas.link.compare import explain, score_pair
from civcas.link.lineage import LineageIndex, copy_families, find_lineages
from civcas.link.settings import LinkSettings, default_settings

__all__ = [
    "LineageIndex",
    "LinkResult",
    "LinkSettings",
    "copy_families",
    "default_settings",
    "explain",
    "find_lineages",
    "link_claims",
    "new_incident_id",
    "score_pair",
]
