#pragma once
// For the fuzz targets: a broken contract stops the run like a crash, so that libFuzzer saves
// the input that broke it (fuzz/crashes/). Prints what was expected first.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                  \
    do {                                                                                       \
        if (!(condition)) {                                                                    \
            std::fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (false)
