// Wrong answer: solves the problem for a row of chairs (even numbers first,
// then odd ones), forgetting that chairs n and 1 are neighbours. For n = 4 it
// prints 2 4 1 3, where grandchildren 3 and 2 end up side by side.
#include <cstdio>
#include <initializer_list>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    if (n == 2 || n == 3) {
        std::puts("IMPOSSIBLE");
        return 0;
    }
    bool first = true;
    for (int start : {2, 1})
        for (int child = start; child <= n; child += 2) {
            std::printf(first ? "%d" : " %d", child);
            first = false;
        }
    std::putchar('\n');
}
