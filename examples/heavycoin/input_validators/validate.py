#!/usr/bin/env python3
"""Input validator for "Heavy Coin": one line "n q x".

1 <= n <= 10^9, q is the smallest non-negative integer with 3^q >= n, and
1 <= x <= n is the heavy coin (never shown to submissions).
Exits 42 when the input is valid; otherwise prints the reason and exits 1.
"""
import re
import sys


def main() -> None:
    data = sys.stdin.buffer.read().decode("ascii")
    if not re.fullmatch(r"[1-9][0-9]* (0|[1-9][0-9]*) [1-9][0-9]*\n", data):
        sys.exit("expected one line with three integers: n q x")
    n, q, x = map(int, data.split())
    if n > 10**9:
        sys.exit(f"n = {n} is larger than 10^9")
    smallest = 0
    while 3**smallest < n:
        smallest += 1
    if q != smallest:
        sys.exit(f"q = {q}, but the smallest q with 3^q >= {n} is {smallest}")
    if not 1 <= x <= n:
        sys.exit(f"heavy coin {x} is not between 1 and {n}")
    sys.exit(42)


if __name__ == "__main__":
    try:
        main()
    except UnicodeDecodeError:
        sys.exit("input is not ASCII")
