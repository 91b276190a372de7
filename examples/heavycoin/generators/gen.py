#!/usr/bin/env python3
"""Writes data/sample and data/secret for "Heavy Coin".

Run from the package root: python3 generators/gen.py
Each .in holds "n q x" for the validator (x is the heavy coin), each .ans
holds x. The sample .interaction files show the dialogue of the ternary
search (lines starting with '<' come from the judge, '>' from the submission).
"""
from pathlib import Path

SAMPLES = [("1", 7, 6), ("2", 5, 1), ("3", 1, 1)]
SECRET = [
    ("01-single-coin", 1, 1),
    ("02-two-coins", 2, 2),
    ("03-three-coins", 3, 3),
    ("04-nine-first", 9, 1),
    ("05-ten-last", 10, 10),
    ("06-power-of-three-middle", 27, 14),
    ("07-just-past-power", 28, 28),
    ("08-thousand-first", 1000, 1),
    ("09-power-of-three-large", 531441, 265721),
    ("10-large", 999999999, 123456789),
    ("11-max-last", 10**9, 10**9),
    ("12-past-3-pow-18", 3**18 + 1, 3**18 + 1),
    ("13-max-first", 10**9, 1),
]


def weighings_allowed(n: int) -> int:
    q = 0
    while 3**q < n:
        q += 1
    return q


def dialogue(n: int, heavy: int) -> str:
    lines = [f"<{n} {weighings_allowed(n)}"]
    lo, hi = 1, n
    while lo < hi:
        k = (hi - lo + 3) // 3
        a, b, c, d = lo, lo + k - 1, lo + k, lo + 2 * k - 1
        lines.append(f">? {a} {b} {c} {d}")
        if a <= heavy <= b:
            lines.append("<left")
            hi = b
        elif c <= heavy <= d:
            lines.append("<right")
            lo, hi = c, d
        else:
            lines.append("<equal")
            lo = d + 1
    lines.append(f">! {lo}")
    return "\n".join(lines) + "\n"


def write(folder: str, cases, interaction: bool) -> None:
    out = Path("data") / folder
    out.mkdir(parents=True, exist_ok=True)
    for name, n, heavy in cases:
        (out / f"{name}.in").write_text(f"{n} {weighings_allowed(n)} {heavy}\n")
        (out / f"{name}.ans").write_text(f"{heavy}\n")
        if interaction:
            (out / f"{name}.interaction").write_text(dialogue(n, heavy))


if __name__ == "__main__":
    write("sample", SAMPLES, True)
    write("secret", SECRET, False)
