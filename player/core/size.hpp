#pragma once
// A size in pixels (a screen, a surface).
namespace vitrine::core {

struct Size {
    int width = 0;
    int height = 0;
    friend bool operator==(const Size&, const Size&) = default;
};

}  // namespace vitrine::core
