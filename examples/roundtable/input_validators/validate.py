#!/usr/bin/env python3
"""Input validator for "Round Table": one line with an integer 1 <= n <= 10^5.

Exits 42 when the input is valid; otherwise prints the reason and exits 1.
"""
import re
import sys


def main() -> None:
    data = sys.stdin.buffer.read().decode("ascii")
    if not re.fullmatch(r"[1-9][0-9]*\n", data):
        sys.exit("expected one line with one positive integer")
    n = int(data)
    if n > 10**5:
        sys.exit(f"n = {n} is larger than 10^5")
    sys.exit(42)


if __name__ == "__main__":
    try:
        main()
    except UnicodeDecodeError:
        sys.exit("input is not ASCII")
