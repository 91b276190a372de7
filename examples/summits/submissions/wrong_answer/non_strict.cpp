// Wrong answer: upper_bound instead of lower_bound, so photos from the same
// altitude may follow each other (longest non-decreasing subsequence).
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
        auto it = std::upper_bound(tails.begin(), tails.end(), h);
        if (it == tails.end()) tails.push_back(h); else *it = h;
    }
    std::printf("%zu\n", tails.size());
}
