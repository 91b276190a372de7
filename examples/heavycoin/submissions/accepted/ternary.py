# Heavy Coin: ternary search over the block of candidates (see ternary.cpp).
n, q = map(int, input().split())
lo, hi = 1, n
while lo < hi:
    k = (hi - lo + 3) // 3
    print("?", lo, lo + k - 1, lo + k, lo + 2 * k - 1, flush=True)
    result = input().strip()
    if result == "left":
        hi = lo + k - 1
    elif result == "right":
        lo, hi = lo + k, lo + 2 * k - 1
    else:
        lo += 2 * k
print("!", lo, flush=True)
