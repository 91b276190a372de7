# Lifeguard Dash: ternary search on the convex function T(x) over [0, d].
from math import hypot

a, b, d, vr, vs = map(int, input().split())


def time_via(x: float) -> float:
    return hypot(a, x) / vr + hypot(b, d - x) / vs


lo, hi = 0.0, float(d)
for _ in range(200):
    m1 = lo + (hi - lo) / 3
    m2 = hi - (hi - lo) / 3
    if time_via(m1) < time_via(m2):
        hi = m2
    else:
        lo = m1
print(f"{time_via((lo + hi) / 2):.9f}")
