#!/usr/bin/env python3
"""Input validator for "Lifeguard Dash": one line "a b d v_r v_s".

1 <= a, b <= 1000, 0 <= d <= 1000, 1 <= v_r, v_s <= 100.
Exits 42 when the input is valid; otherwise prints the reason and exits 1.
"""
import re
import sys

BOUNDS = [("a", 1, 1000), ("b", 1, 1000), ("d", 0, 1000), ("v_r", 1, 100), ("v_s", 1, 100)]


def main() -> None:
    data = sys.stdin.buffer.read().decode("ascii")
    if not re.fullmatch(r"(0|[1-9][0-9]*)( (0|[1-9][0-9]*)){4}\n", data):
        sys.exit("expected one line with five non-negative integers separated by single spaces")
    for value, (name, low, high) in zip(map(int, data.split()), BOUNDS):
        if not low <= value <= high:
            sys.exit(f"{name} = {value} is outside [{low}, {high}]")
    sys.exit(42)


if __name__ == "__main__":
    try:
        main()
    except UnicodeDecodeError:
        sys.exit("input is not ASCII")
