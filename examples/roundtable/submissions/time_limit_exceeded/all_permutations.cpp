// Too slow: tries the seating plans in lexicographic order until one is
// peaceful. Correct, but it wades through (n - 2)! plans that start 1, 2, ...
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> plan(n);
    std::iota(plan.begin(), plan.end(), 1);
    do {
        bool peaceful = true;
        for (int i = 0; n >= 2 && i < n && peaceful; ++i)
            if (std::abs(plan[i] - plan[(i + 1) % n]) == 1) peaceful = false;
        if (peaceful) {
            for (int i = 0; i < n; ++i) std::printf(i ? " %d" : "%d", plan[i]);
            std::putchar('\n');
            return 0;
        }
    } while (std::next_permutation(plan.begin(), plan.end()));
    std::puts("IMPOSSIBLE");
}
