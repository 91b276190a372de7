// Wrong answer: a double has a 53-bit mantissa, so 18-digit amounts get rounded.
#include <cstdio>

int main() {
    double a, b;
    if (std::scanf("%lf %lf", &a, &b) != 2) return 0;
    std::printf("%.0f\n", a + b);
}
