// Interactive validator for "Heavy Coin" (ICPC calling convention):
//   validator input_file answer_file feedback_dir < submission_output > submission_input
// The input file holds "n q x": n coins, at most q weighings, x the heavy coin.
// Exit 42 accepts, exit 43 rejects; the reason goes to feedback_dir/judgemessage.txt.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

static std::ofstream judge_message;

[[noreturn]] static void verdict(int code, const std::string& message) {
    judge_message << message << '\n';
    judge_message.close();
    std::exit(code);
}
[[noreturn]] static void accept(const std::string& message) { verdict(42, message); }
[[noreturn]] static void reject(const std::string& message) { verdict(43, message); }

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: " << argv[0] << " input_file answer_file feedback_dir\n";
        return 1;
    }
    std::signal(SIGPIPE, SIG_IGN);  // the submission may exit while we still write
    judge_message.open(std::string(argv[3]) + "judgemessage.txt");
    long long n, q, heavy;
    std::ifstream input(argv[1]);
    if (!(input >> n >> q >> heavy)) {
        std::cerr << "cannot read the input file\n";
        return 1;
    }
    std::printf("%lld %lld\n", n, q);
    std::fflush(stdout);

    long long weighings = 0;
    char command[16];
    while (true) {
        if (std::scanf("%15s", command) != 1) reject("submission stopped without naming a coin");
        std::string cmd = command;
        if (cmd == "!") {
            long long guess;
            if (std::scanf("%lld", &guess) != 1) reject("'!' is not followed by a coin number");
            if (guess != heavy)
                reject("named coin " + std::to_string(guess) + ", but the heavy coin is " + std::to_string(heavy));
            if (std::scanf("%15s", command) == 1) reject(std::string("unexpected output after the answer: ") + command);
            accept("found coin " + std::to_string(heavy) + " of " + std::to_string(n) + " with " +
                   std::to_string(weighings) + " of " + std::to_string(q) + " weighings");
        }
        if (cmd != "?") reject("unknown command: " + cmd);
        long long a, b, c, d;
        if (std::scanf("%lld %lld %lld %lld", &a, &b, &c, &d) != 4) reject("'?' must be followed by four integers");
        std::string shown = "? " + std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(c) + " " + std::to_string(d);
        if (++weighings > q) reject("more than q = " + std::to_string(q) + " weighings (n = " + std::to_string(n) + ")");
        if (a < 1 || a > b || b > n || c < 1 || c > d || d > n) reject("invalid blocks in weighing " + shown);
        if (b - a != d - c) reject("the pans hold different numbers of coins in weighing " + shown);
        if (!(b < c || d < a)) reject("the blocks overlap in weighing " + shown);
        const char* result = (a <= heavy && heavy <= b) ? "left" : (c <= heavy && heavy <= d) ? "right" : "equal";
        std::printf("%s\n", result);
        std::fflush(stdout);
    }
}
