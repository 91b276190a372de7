// Lifeguard Dash: T(x) is convex on [0, d], so bisect on the sign of T'(x).
#include <cmath>
#include <cstdio>

int main() {
    double a, b, d, vr, vs;
    if (std::scanf("%lf %lf %lf %lf %lf", &a, &b, &d, &vr, &vs) != 5) return 1;
    auto slope = [&](double x) {
        return x / (vr * std::sqrt(a * a + x * x)) - (d - x) / (vs * std::sqrt(b * b + (d - x) * (d - x)));
    };
    double lo = 0, hi = d;  // T'(0) <= 0 <= T'(d)
    for (int it = 0; it < 200; ++it) {
        double mid = (lo + hi) / 2;
        if (slope(mid) < 0) lo = mid; else hi = mid;
    }
    double x = (lo + hi) / 2;
    double t = std::sqrt(a * a + x * x) / vr + std::sqrt(b * b + (d - x) * (d - x)) / vs;
    std::printf("%.9f\n", t);
}
