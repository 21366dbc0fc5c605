"""civcas: evidence-backed civilian-harm incident claims from conflict reporting."""

__version__ = "0.1.0"
