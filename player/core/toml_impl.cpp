// toml++ is compiled here, once, with the limits set in CMakeLists.txt (TOML_MAX_NESTED_VALUES,
// no exceptions) rather than linked from the system library, whose limits we cannot choose.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
