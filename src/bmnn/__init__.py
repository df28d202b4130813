"""bmnn: protection of state secrets (bảo vệ bí mật nhà nước) for Vietnamese public agencies."""

__version__ = "0.1.0"
