// Wrong answer: right idea, but the total is kept in a 32-bit int. When all
// members are seen by everybody behind them it reaches n(n-1)/2, about 2e10.
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> h(n + 1), stack;
    int total = 0;
    for (int i = 1; i <= n; ++i) {
        std::scanf("%d", &h[i]);
        while (!stack.empty() && h[stack.back()] < h[i]) stack.pop_back();
        total += stack.empty() ? i - 1 : i - stack.back();
        stack.push_back(i);
    }
    std::printf("%d\n", total);
}
