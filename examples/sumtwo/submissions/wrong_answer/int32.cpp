// Wrong answer: 32-bit ints cannot even read most of the amounts.
#include <iostream>

int main() {
    int a, b;
    std::cin >> a >> b;
    std::cout << a + b << '\n';
}
