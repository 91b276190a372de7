#!/usr/bin/env python3
"""Input validator for "Net Balance": one line "a b" with |a|, |b| <= 10^18.

Exits 42 when the input is valid; otherwise prints the reason and exits 1.
"""
import re
import sys

LIMIT = 10**18
INTEGER = r"-?(?:0|[1-9][0-9]*)"


def main() -> None:
    data = sys.stdin.buffer.read().decode("ascii")
    match = re.fullmatch(f"({INTEGER}) ({INTEGER})\n", data)
    if not match:
        sys.exit("expected exactly one line with two integers separated by one space")
    for token in match.groups():
        if token == "-0":
            sys.exit("negative zero is not allowed")
        if abs(int(token)) > LIMIT:
            sys.exit(f"{token} is out of range")
    sys.exit(42)


if __name__ == "__main__":
    try:
        main()
    except UnicodeDecodeError:
        sys.exit("input is not ASCII")
