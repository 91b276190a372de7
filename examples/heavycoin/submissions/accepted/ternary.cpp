// Heavy Coin: keep the candidates as a block [lo, hi] and split it into three
// parts of at most ceil(m / 3) coins each: weigh the first two parts against
// each other. After t weighings at most ceil(n / 3^t) candidates remain.
#include <iostream>
#include <string>

int main() {
    long long n, q;
    std::cin >> n >> q;
    long long lo = 1, hi = n;
    while (lo < hi) {
        long long k = (hi - lo + 1 + 2) / 3;  // ceil(m / 3) coins on each pan
        std::cout << "? " << lo << ' ' << lo + k - 1 << ' ' << lo + k << ' ' << lo + 2 * k - 1 << std::endl;
        std::string result;
        std::cin >> result;
        if (result == "left") hi = lo + k - 1;
        else if (result == "right") lo = lo + k, hi = lo + k - 1;
        else lo = lo + 2 * k;
    }
    std::cout << "! " << lo << std::endl;
}
