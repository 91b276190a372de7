#!/usr/bin/env python3
"""Writes data/sample and data/secret for "Round Table".

Run from the package root: python3 generators/gen.py
The answer files hold one peaceful plan (odd numbers, then even numbers) or
IMPOSSIBLE; the output validator accepts any peaceful plan.
"""
from pathlib import Path

SAMPLES = [("1", 6), ("2", 3)]
SECRET = [
    ("01-alone", 1),
    ("02-two", 2),
    ("03-three", 3),
    ("04-four", 4),
    ("05-smallest-possible", 5),
    ("06-seven", 7),
    ("07-eight", 8),
    ("08-twelve", 12),
    ("09-thousand", 1000),
    ("10-odd-large", 9999),
    ("11-max", 100000),
]


def plan(n: int) -> str:
    if 2 <= n <= 4:
        return "IMPOSSIBLE"
    return " ".join(map(str, [*range(1, n + 1, 2), *range(2, n + 1, 2)]))


def write(folder: str, cases) -> None:
    out = Path("data") / folder
    out.mkdir(parents=True, exist_ok=True)
    for name, n in cases:
        (out / f"{name}.in").write_text(f"{n}\n")
        (out / f"{name}.ans").write_text(plan(n) + "\n")


if __name__ == "__main__":
    write("sample", SAMPLES)
    write("secret", SECRET)
