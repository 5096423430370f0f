"""Demo request cases for `seed_demo` (being written)."""


def seed_cases() -> int:
    return 0
