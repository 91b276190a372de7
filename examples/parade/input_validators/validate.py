#!/usr/bin/env python3
"""Input validator for "Parade View".

Line 1: n (1 <= n <= 2*10^5); line 2: n integers 1 <= h_i <= 10^9, single spaces.
Exits 42 when the input is valid; otherwise prints the reason and exits 1.
"""
import re
import sys


def main() -> None:
    data = sys.stdin.buffer.read().decode("ascii")
    match = re.fullmatch(r"([1-9][0-9]*)\n([1-9][0-9]*(?: [1-9][0-9]*)*)\n", data)
    if not match:
        sys.exit("expected n on the first line and the heights on the second")
    n = int(match.group(1))
    heights = match.group(2).split(" ")
    if n > 2 * 10**5:
        sys.exit(f"n = {n} is larger than 2*10^5")
    if len(heights) != n:
        sys.exit(f"expected {n} heights, found {len(heights)}")
    if any(len(t) > 10 or int(t) > 10**9 for t in heights):
        sys.exit("a height is larger than 10^9")
    sys.exit(42)


if __name__ == "__main__":
    try:
        main()
    except UnicodeDecodeError:
        sys.exit("input is not ASCII")
