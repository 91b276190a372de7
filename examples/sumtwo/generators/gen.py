#!/usr/bin/env python3
"""Writes data/secret for "Net Balance". Run from the package root: python3 generators/gen.py

The output is deterministic (fixed seed); the generated files are committed.
"""
import random
from pathlib import Path

LIMIT = 10**18
random.seed(20250901)

CASES = [
    ("01-small", 2, 3),
    ("02-zeros", 0, 0),
    ("03-cancel", 123456789, -123456789),
    ("04-max", LIMIT, LIMIT),
    ("05-min", -LIMIT, -LIMIT),
    ("06-opposite-extremes", LIMIT, -LIMIT),
    ("07-past-int32", 2147483647, 1),
    ("08-below-int32", -2147483648, -1),
    ("09-random-big", random.randint(LIMIT // 10, LIMIT), random.randint(LIMIT // 10, LIMIT)),
    ("10-random-mixed", random.randint(-LIMIT, -LIMIT // 10), random.randint(LIMIT // 10, LIMIT)),
    ("11-random-negative", random.randint(-LIMIT, -LIMIT // 10), random.randint(-LIMIT, -LIMIT // 10)),
]


def main() -> None:
    out = Path("data/secret")
    out.mkdir(parents=True, exist_ok=True)
    for name, a, b in CASES:
        (out / f"{name}.in").write_text(f"{a} {b}\n")
        (out / f"{name}.ans").write_text(f"{a + b}\n")


if __name__ == "__main__":
    main()
