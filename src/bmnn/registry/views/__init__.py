"""Registry pages: items and determination, registers, classification lists."""
