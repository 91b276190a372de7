// Output validator for "Round Table" (ICPC calling convention):
//   validator input_file answer_file feedback_dir < team_output
// Accepts (exit 42) any peaceful seating plan, or IMPOSSIBLE exactly when the
// judge's answer file says IMPOSSIBLE; rejects (exit 43) everything else.
// The reason goes to feedback_dir/judgemessage.txt.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

static std::ofstream judge_message;

[[noreturn]] static void verdict(int code, const std::string& message) {
    judge_message << message << '\n';
    judge_message.close();
    std::exit(code);
}
[[noreturn]] static void accept(const std::string& message) { verdict(42, message); }
[[noreturn]] static void reject(const std::string& message) { verdict(43, message); }

static std::string upper(std::string s) {
    for (char& c : s) c = (char)std::toupper((unsigned char)c);
    return s;
}

// Reads one whitespace-separated token of at most 20 characters from the team output.
static bool next_token(std::string& token) {
    token.clear();
    int c;
    while ((c = std::getchar()) != EOF && std::isspace(c)) {}
    if (c == EOF) return false;
    while (c != EOF && !std::isspace(c)) {
        if (token.size() >= 20) reject("token too long in team output: " + token.substr(0, 20) + "...");
        token.push_back((char)c);
        c = std::getchar();
    }
    return true;
}

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: " << argv[0] << " input_file answer_file feedback_dir\n";
        return 1;
    }
    judge_message.open(std::string(argv[3]) + "judgemessage.txt");
    std::ifstream input(argv[1]), answer(argv[2]);
    long long n;
    std::string judge_first;
    if (!(input >> n) || !(answer >> judge_first)) {
        std::cerr << "cannot read the input or answer file\n";
        return 1;
    }
    bool judge_impossible = upper(judge_first) == "IMPOSSIBLE";

    std::string token;
    if (!next_token(token)) reject("team output is empty");
    if (upper(token) == "IMPOSSIBLE") {
        if (next_token(token)) reject("unexpected output after IMPOSSIBLE: " + token);
        if (!judge_impossible) reject("team says IMPOSSIBLE, but a peaceful plan exists for n = " + std::to_string(n));
        accept("correctly reported IMPOSSIBLE for n = " + std::to_string(n));
    }

    std::vector<long long> plan;
    std::vector<bool> seated(n + 1, false);
    plan.reserve(n);
    do {
        if ((long long)plan.size() == n) reject("more than n = " + std::to_string(n) + " numbers in team output");
        bool digits = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || token.size() > 9) reject("chair " + std::to_string(plan.size() + 1) + ": not a grandchild number: " + token);
        long long child = std::stoll(token);
        if (child < 1 || child > n) reject("chair " + std::to_string(plan.size() + 1) + ": grandchild " + token + " does not exist");
        if (seated[child]) reject("grandchild " + token + " is seated twice");
        seated[child] = true;
        plan.push_back(child);
    } while (next_token(token));
    if ((long long)plan.size() < n)
        reject("only " + std::to_string(plan.size()) + " of n = " + std::to_string(n) + " grandchildren are seated");

    for (long long i = 0; n >= 2 && i < n; ++i) {
        long long j = (i + 1) % n;
        if (std::llabs(plan[i] - plan[j]) == 1)
            reject("chairs " + std::to_string(i + 1) + " and " + std::to_string(j + 1) + " are neighbours and hold grandchildren " +
                   std::to_string(plan[i]) + " and " + std::to_string(plan[j]));
    }
    if (judge_impossible) {
        std::cerr << "team found a peaceful plan where the answer file says IMPOSSIBLE\n";
        judge_message << "JUDGE ERROR: team found a peaceful plan for n = " << n << ", the answer file says IMPOSSIBLE\n";
        return 1;
    }
    accept("peaceful plan for n = " + std::to_string(n));
}
