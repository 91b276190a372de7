// Wrong answer: binary search. Halving the candidates needs about log2(n)
// weighings, more than the q = ceil(log3(n)) allowed once n is large enough.
#include <cstdio>
#include <cstring>

int main() {
    long long n, q;
    if (std::scanf("%lld %lld", &n, &q) != 2) return 1;
    long long lo = 1, hi = n;
    while (lo < hi) {
        long long k = (hi - lo + 1) / 2;  // an odd coin out stays off the scale
        std::printf("? %lld %lld %lld %lld\n", lo, lo + k - 1, lo + k, lo + 2 * k - 1);
        std::fflush(stdout);
        char result[16];
        if (std::scanf("%15s", result) != 1) return 0;
        if (!std::strcmp(result, "left")) hi = lo + k - 1;
        else if (!std::strcmp(result, "right")) lo = lo + k, hi = lo + k - 1;
        else lo = hi = lo + 2 * k;
    }
    std::printf("! %lld\n", lo);
    std::fflush(stdout);
}
