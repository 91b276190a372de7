// Partially accepted (groups 1 and 2, 50 points): the classic O(n^2) dynamic
// programme. best[i] is the longest ascending selection that ends with photo i.
// Far too slow for n = 10^5 in group 3.
#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> h(n), best(n, 1);
    for (int& x : h) std::scanf("%d", &x);
    int answer = 0;
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < i; ++j)
            if (h[j] < h[i] && best[j] + 1 > best[i]) best[i] = best[j] + 1;
        answer = std::max(answer, best[i]);
    }
    std::printf("%d\n", answer);
}
