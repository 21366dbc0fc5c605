"""The `civcas` command line."""
