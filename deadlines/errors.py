class DeadlineError(ValueError):
    """A deadline cannot be computed from these inputs; the message says why, for a person."""
