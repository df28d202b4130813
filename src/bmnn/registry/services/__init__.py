"""Registry services: one function per legal act (see determination, registration, lists)."""
