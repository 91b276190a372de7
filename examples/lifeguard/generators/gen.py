#!/usr/bin/env python3
"""Writes data/sample and data/secret for "Lifeguard Dash".

Run from the package root: python3 generators/gen.py
Deterministic (fixed seed); the generated files are committed. The answers
come from a golden-section search here, independent of the judge solutions.
"""
import math
import random
from pathlib import Path

random.seed(20250902)


def best_time(a: int, b: int, d: int, vr: int, vs: int) -> float:
    def t(x: float) -> float:
        return math.hypot(a, x) / vr + math.hypot(b, d - x) / vs

    ratio = (math.sqrt(5) - 1) / 2
    lo, hi = 0.0, float(d)
    for _ in range(300):
        m1 = hi - ratio * (hi - lo)
        m2 = lo + ratio * (hi - lo)
        if t(m1) <= t(m2):
            hi = m2
        else:
            lo = m1
    return min(t((lo + hi) / 2), t(0.0), t(float(d)))


SAMPLES = [
    ("1", (3, 3, 8, 5, 5)),
    ("2", (10, 20, 40, 7, 2)),
]

SECRET = [
    ("01-straight-across", (5, 7, 0, 3, 2)),
    ("02-equal-speeds", (300, 400, 700, 4, 4)),
    ("03-fast-runner", (1, 1000, 1000, 100, 1)),
    ("04-fast-swimmer", (1000, 1, 1000, 1, 100)),
    ("05-all-max", (1000, 1000, 1000, 100, 100)),
    ("06-all-min", (1, 1, 0, 1, 1)),
    ("07-slow-and-far", (1000, 1000, 1000, 1, 1)),
    ("08-short-shore", (640, 25, 1, 9, 2)),
]
for i in range(9, 14):
    a, b, d = random.randint(1, 1000), random.randint(1, 1000), random.randint(0, 1000)
    vr, vs = random.randint(1, 100), random.randint(1, 100)
    SECRET.append((f"{i:02d}-random", (a, b, d, vr, vs)))


def write(folder: str, cases) -> None:
    out = Path("data") / folder
    out.mkdir(parents=True, exist_ok=True)
    for name, case in cases:
        (out / f"{name}.in").write_text(" ".join(map(str, case)) + "\n")
        (out / f"{name}.ans").write_text(f"{best_time(*case):.9f}\n")


if __name__ == "__main__":
    write("sample", SAMPLES)
    write("secret", SECRET)
