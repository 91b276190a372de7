#!/usr/bin/env python3
"""Writes data/secret for "Parade View" (the samples were written by hand).

Run from the package root: python3 generators/gen.py
Deterministic (fixed seed); the generated files are committed. The big cases
are chosen so that the quadratic look-ahead (time_limit_exceeded/) needs about
n^2/2 = 2e10 steps, while the stack solution is linear; their heights are kept
small so that all test data stays below 5 MB.
"""
import random
from pathlib import Path

MAX_H = 10**9
random.seed(20250906)


def valley(n: int) -> list[int]:
    half = n // 2
    return [half - i for i in range(half)] + [i + 1 for i in range(n - half)]


CASES = [
    ("01-single", [170]),
    ("02-two-equal", [160, 160]),
    ("03-handmade", [155, 170, 140, 140, 165, 170, 120, 180, 175, 180]),
    ("04-random-small", [random.randint(1, MAX_H) for _ in range(1000)]),
    ("05-random-medium", [random.randint(1, MAX_H) for _ in range(20000)]),
    ("06-all-equal", [7] * 200000),
    ("07-increasing", list(range(1, 200001))),
    ("08-increasing-pairs", [i // 2 + 1 for i in range(200000)]),
    ("09-valley", valley(100000)),
    ("10-few-heights", [random.randint(1, 100) for _ in range(100000)]),
    ("11-tallest", [MAX_H - random.randint(0, 5) for _ in range(1000)]),
]


def total_seen(h: list[int]) -> int:
    stack: list[int] = []  # indices, heights never increase from bottom to top
    total = 0
    for i, x in enumerate(h):
        while stack and h[stack[-1]] < x:
            stack.pop()
        total += i - stack[-1] if stack else i
        stack.append(i)
    return total


def main() -> None:
    out = Path("data/secret")
    out.mkdir(parents=True, exist_ok=True)
    for name, h in CASES:
        assert 1 <= len(h) <= 2 * 10**5 and all(1 <= x <= MAX_H for x in h)
        (out / f"{name}.in").write_text(f"{len(h)}\n{' '.join(map(str, h))}\n")
        (out / f"{name}.ans").write_text(f"{total_seen(h)}\n")


if __name__ == "__main__":
    main()
