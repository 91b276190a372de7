// Wrong answer: heads straight for the swimmer, ignoring that running is
// faster (or slower) than swimming. Right only when v_r = v_s or d = 0.
#include <cmath>
#include <cstdio>

int main() {
    double a, b, d, vr, vs;
    if (std::scanf("%lf %lf %lf %lf %lf", &a, &b, &d, &vr, &vs) != 5) return 1;
    double x = d * a / (a + b);  // where the straight line crosses the water line
    double t = std::sqrt(a * a + x * x) / vr + std::sqrt(b * b + (d - x) * (d - x)) / vs;
    std::printf("%.9f\n", t);
}
