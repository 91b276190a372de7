// Wrong answer: the right time, printed with cout's default 6 significant
// digits, which is not precise enough once the answer reaches the hundreds.
#include <cmath>
#include <iostream>

int main() {
    double a, b, d, vr, vs;
    std::cin >> a >> b >> d >> vr >> vs;
    auto time_via = [&](double x) { return std::sqrt(a * a + x * x) / vr + std::sqrt(b * b + (d - x) * (d - x)) / vs; };
    double lo = 0, hi = d;
    for (int it = 0; it < 200; ++it) {
        double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
        if (time_via(m1) < time_via(m2)) hi = m2; else lo = m1;
    }
    std::cout << time_via((lo + hi) / 2) << '\n';
}
