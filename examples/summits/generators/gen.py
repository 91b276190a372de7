#!/usr/bin/env python3
"""Writes data/secret for "Summit Photos" (the samples were written by hand).

Run from the package root: python3 generators/gen.py
Deterministic (fixed seed); the generated files are committed.
"""
import random
from bisect import bisect_left
from pathlib import Path

LOW, HIGH = -500, 9000
random.seed(20250905)


def rand(n: int, low: int = LOW, high: int = HIGH) -> list[int]:
    return [random.randint(low, high) for _ in range(n)]


def walk(n: int, step: int) -> list[int]:
    """A mountain profile: a random walk that stays within the allowed altitudes."""
    h, out = random.randint(0, 3000), []
    for _ in range(n):
        h = min(HIGH, max(LOW, h + random.randint(-step, step + 1)))
        out.append(h)
    return out


def zigzag(n: int) -> list[int]:
    return [LOW + (i // 2) * 3 + (4 if i % 2 else 0) for i in range(n)]


GROUPS = {
    "subtask1": [
        ("01-single", [2962]),
        ("02-all-equal", [1500] * 15),
        ("03-increasing", sorted(random.sample(range(LOW, HIGH + 1), 15))),
        ("04-few-altitudes", rand(15, 0, 4)),
        ("05-random", rand(12)),
    ],
    "subtask2": [
        ("01-random", rand(3000)),
        ("02-few-altitudes", rand(3000, 0, 50)),
        ("03-decreasing", sorted(rand(3000), reverse=True)),
        ("04-plateaus", [LOW + i // 3 for i in range(3000)]),
        ("05-zigzag", zigzag(3000)),
    ],
    "subtask3": [
        ("01-random", rand(100000)),
        ("02-plateaus", [LOW + i // 11 for i in range(100000)]),
        ("03-mountain-walk", walk(100000, 40)),
        ("04-all-equal", [0] * 100000),
    ],
}


def longest_ascent(h: list[int]) -> int:
    tails: list[int] = []
    for x in h:
        k = bisect_left(tails, x)
        tails[k:k + 1] = [x]
    return len(tails)


def main() -> None:
    for group, cases in GROUPS.items():
        out = Path("data/secret") / group
        out.mkdir(parents=True, exist_ok=True)
        for name, h in cases:
            assert all(LOW <= x <= HIGH for x in h)
            (out / f"{name}.in").write_text(f"{len(h)}\n{' '.join(map(str, h))}\n")
            (out / f"{name}.ans").write_text(f"{longest_ascent(h)}\n")


if __name__ == "__main__":
    main()
