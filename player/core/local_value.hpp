#pragma once
// Internal to the playlist loader (included only by its .cpp files): a value a curator writes once
// for every language (`title = "Documents"`) or per language (`title = { en = "Documents",
// pt = "Documentos" }`), as read; and the record of such a key, from which the loader lists
// missing translations.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/playlist.hpp"

namespace vitrine::core::detail {

template <class T>
struct LocalValue {
    // The values read, by language code. A plain value sits under the default language only; a
    // value that was refused (and reported) is absent.
    std::map<std::string, T> by_language;
    std::string default_language;
    bool per_language = false;  // written as a table of languages

    bool empty() const { return by_language.empty(); }
    // The value in `language`, else in the default language, else T{} (absent or refused).
    T in(std::string_view language) const {
        if (auto it = by_language.find(std::string(language)); it != by_language.end()) return it->second;
        if (auto it = by_language.find(default_language); it != by_language.end()) return it->second;
        return T{};
    }
};

// A localizable key as written by one owner (an item, a link, a section).
struct LocalKey {
    std::string field;                   // the key ("title", "items"), or what it is ("link label")
    SourcePos pos;                       // where the key is written, in the curator's coordinates
    std::vector<std::string> languages;  // the exhibit's languages it has a value in (a plain value: the default)
    bool per_language = false;           // written as a table of languages; a plain value is the same in all
    bool in_body = true;                 // read into the item's body (not a link label, not captions)
};

}  // namespace vitrine::core::detail
