"""Registry of classified items: lists, determination, registers."""
