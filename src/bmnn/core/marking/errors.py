"""Marking errors: a Vietnamese message that can be shown to the user as is."""

from __future__ import annotations


class MarkingError(Exception):
    """The file could not be marked or converted (malformed, password-protected, missing font...)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
