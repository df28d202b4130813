"""Agencies, units, positions with legal authority tags, people, terms, delegations and clearances."""
