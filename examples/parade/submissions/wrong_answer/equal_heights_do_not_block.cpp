// Wrong answer: lets members look over others of the same height (pops with
// <= instead of <), so a member of equal height does not block the view.
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<long long> h(n + 1);
    std::vector<int> stack;
    long long total = 0;
    for (int i = 1; i <= n; ++i) {
        std::scanf("%lld", &h[i]);
        while (!stack.empty() && h[stack.back()] <= h[i]) stack.pop_back();
        total += stack.empty() ? i - 1 : i - stack.back();
        stack.push_back(i);
    }
    std::printf("%lld\n", total);
}
