// Too slow: every member looks ahead one member at a time until the view is
// blocked. Correct, but Theta(n^2) when heights increase towards the back:
// about 2e10 steps for n = 2e5.
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<long long> h(n + 1);
    for (int i = 1; i <= n; ++i) std::scanf("%lld", &h[i]);
    long long total = 0;
    for (int i = 1; i <= n; ++i) {
        int j = i - 1;
        while (j >= 1 && h[j] < h[i]) --j;
        total += j >= 1 ? i - j : i - 1;
    }
    std::printf("%lld\n", total);
}
