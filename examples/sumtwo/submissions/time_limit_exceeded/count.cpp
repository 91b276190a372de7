// Too slow: counts the balance up or down one unit at a time.
// Correct, but needs about |a| + |b| steps (up to 2e18).
#include <cstdlib>
#include <initializer_list>
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    volatile long long balance = 0;  // volatile: keep the compiler from folding the loops
    for (long long amount : {a, b}) {
        long long step = amount < 0 ? -1 : 1;
        for (long long k = 0; k < std::llabs(amount); ++k) balance = balance + step;
    }
    std::cout << balance << '\n';
}
