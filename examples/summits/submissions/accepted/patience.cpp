// Summit Photos: longest strictly increasing subsequence in O(n log n).
// tails[k] is the smallest altitude that ends an ascending selection of k + 1
// photos; lower_bound keeps the selection strictly increasing.
#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> tails;
    for (int i = 0; i < n; ++i) {
        int h;
        if (std::scanf("%d", &h) != 1) return 1;
        auto it = std::lower_bound(tails.begin(), tails.end(), h);
        if (it == tails.end()) tails.push_back(h); else *it = h;
    }
    std::printf("%zu\n", tails.size());
}
