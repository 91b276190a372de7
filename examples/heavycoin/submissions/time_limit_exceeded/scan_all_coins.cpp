// Too slow: weighs like the ternary search, but before every weighing it
// recomputes the candidates by checking each of the n coins against every
// earlier result: O(n q^2) work, hopeless for n near 10^9.
#include <iostream>
#include <string>
#include <vector>

struct Weighing {
    long long a, b, c, d;
    char result;  // 'l', 'r' or 'e'
};

int main() {
    long long n, q;
    std::cin >> n >> q;
    std::vector<Weighing> history;
    while (true) {
        long long lo = 0, hi = 0;
        for (long long coin = 1; coin <= n; ++coin) {
            bool possible = true;
            for (const Weighing& w : history) {
                char expected = (w.a <= coin && coin <= w.b) ? 'l' : (w.c <= coin && coin <= w.d) ? 'r' : 'e';
                if (expected != w.result) { possible = false; break; }
            }
            if (possible) {
                if (!lo) lo = coin;
                hi = coin;
            }
        }
        if (lo == hi) {
            std::cout << "! " << lo << std::endl;
            return 0;
        }
        long long k = (hi - lo + 3) / 3;
        Weighing w{lo, lo + k - 1, lo + k, lo + 2 * k - 1, 'e'};
        std::cout << "? " << w.a << ' ' << w.b << ' ' << w.c << ' ' << w.d << std::endl;
        std::string result;
        std::cin >> result;
        w.result = result[0];
        history.push_back(w);
    }
}
