# Parade View: monotonic stack, O(n) (see stack.cpp).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    heights = list(map(int, data[1 : n + 1]))
    stack_heights: list[int] = []
    stack_index: list[int] = []
    total = 0
    for i, h in enumerate(heights, start=1):
        while stack_heights and stack_heights[-1] < h:
            stack_heights.pop()
            stack_index.pop()
        total += i - stack_index[-1] if stack_index else i - 1
        stack_heights.append(h)
        stack_index.append(i)
    print(total)


main()
