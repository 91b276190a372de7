// Parade View: for every member, find the nearest member in front who is at
// least as tall, with a stack of candidates whose heights never increase.
// Each index is pushed and popped at most once: O(n).
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<long long> h(n + 1);
    std::vector<int> stack;  // indices of members who may still block someone
    long long total = 0;
    for (int i = 1; i <= n; ++i) {
        std::scanf("%lld", &h[i]);
        while (!stack.empty() && h[stack.back()] < h[i]) stack.pop_back();
        total += stack.empty() ? i - 1 : i - stack.back();
        stack.push_back(i);
    }
    std::printf("%lld\n", total);
}
