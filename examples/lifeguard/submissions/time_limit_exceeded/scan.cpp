// Too slow: tries every crossing point on a grid of 1e-7 metres, so up to
// 1e10 evaluations when d = 1000. Precise enough, if it ever finished.
#include <cmath>
#include <cstdio>

int main() {
    double a, b, d, vr, vs;
    if (std::scanf("%lf %lf %lf %lf %lf", &a, &b, &d, &vr, &vs) != 5) return 1;
    const double step = 1e-7;
    long long steps = (long long)std::ceil(d / step);
    double best = 1e18;
    for (long long i = 0; i <= steps; ++i) {
        double x = i == steps ? d : i * step;
        double t = std::sqrt(a * a + x * x) / vr + std::sqrt(b * b + (d - x) * (d - x)) / vs;
        if (t < best) best = t;
    }
    std::printf("%.9f\n", best);
}
