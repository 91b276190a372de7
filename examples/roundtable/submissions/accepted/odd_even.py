# Round Table: odd numbers first, then even numbers (see odd_even.cpp).
n = int(input())
if 2 <= n <= 4:
    print("IMPOSSIBLE")
else:
    print(" ".join(map(str, [*range(1, n + 1, 2), *range(2, n + 1, 2)])))
