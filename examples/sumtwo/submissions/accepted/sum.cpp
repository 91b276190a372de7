// Net Balance: 64-bit integers hold the sum, |a + b| <= 2e18 < 2^63.
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::cout << a + b << '\n';
}
