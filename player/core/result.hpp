#pragma once
// Content errors are values. Result<T> holds either a T or an Error that says where (file, line,
// column; 0 when not known) and what went wrong, in words a curator can act on.
#include <expected>
#include <string>

namespace vitrine::core {

struct Error {
    std::string message;  // what was expected, what was seen
    std::string path;     // file the error is about; empty when none
    int line = 0;         // 1-based; 0 = unknown
    int column = 0;       // 1-based; 0 = unknown
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string message, std::string path = {}, int line = 0,
                                   int column = 0) {
    return std::unexpected<Error>(Error{std::move(message), std::move(path), line, column});
}

}  // namespace vitrine::core
