#!/usr/bin/env python3
"""Input validator for "Summit Photos".

Line 1: n (1 <= n <= MAX_N); line 2: n integers in [-500, 9000], single spaces.
MAX_N is 10^5, or the value after --max-n (each test group passes its own bound
through input_validator_args in its test_group.yaml).
Exits 42 when the input is valid; otherwise prints the reason and exits 1.
"""
import re
import sys

INTEGER = r"-?(?:0|[1-9][0-9]*)"


def main() -> None:
    max_n = 10**5
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--max-n":
        max_n = int(args[1])
    elif args:
        sys.exit(f"unknown arguments: {args}")
    data = sys.stdin.buffer.read().decode("ascii")
    match = re.fullmatch(rf"([1-9][0-9]*)\n({INTEGER}(?: {INTEGER})*)\n", data)
    if not match:
        sys.exit("expected n on the first line and the altitudes on the second")
    n = int(match.group(1))
    heights = match.group(2).split(" ")
    if not 1 <= n <= max_n:
        sys.exit(f"n = {n} is outside [1, {max_n}]")
    if len(heights) != n:
        sys.exit(f"expected {n} altitudes, found {len(heights)}")
    for token in heights:
        if token == "-0" or not -500 <= int(token) <= 9000:
            sys.exit(f"altitude {token} is not allowed")
    sys.exit(42)


if __name__ == "__main__":
    try:
        main()
    except UnicodeDecodeError:
        sys.exit("input is not ASCII")
