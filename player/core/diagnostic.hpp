#pragma once
// One finding of the playlist loader or checker, printed as
// `path:line:column: error: message` (the format compilers use, so editors can jump to it).
#include <string>
#include <vector>

namespace vitrine::core {

enum class Severity { warning, error };

struct Diagnostic {
    Severity severity = Severity::error;
    std::string path;
    int line = 0;    // 1-based; 0 = whole file
    int column = 0;  // 1-based; 0 = whole line
    std::string message;
    std::string item_id;  // the item the finding is about; empty for exhibit-wide findings
};

std::string format(const Diagnostic& d);
bool has_errors(const std::vector<Diagnostic>& ds);

}  // namespace vitrine::core
