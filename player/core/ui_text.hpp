#pragma once
// The words of the player's own interface that a visitor reads (control labels, the idle
// warning, the staff keypad), in the visit's language. Built in for en, pt, ru, fr, de, es;
// any other language reads English. Pure: a table lookup, no state.
#include <string>
#include <string_view>

namespace vitrine::core {

enum class UiText {
    menu,
    back,
    close,
    previous,
    next,
    pause,
    play,
    more,
    still_there,        // the idle warning's first line: "Still there?"
    touch_to_continue,  // its second line: "Touch the screen to keep exploring."
    staff_only,         // the keypad's title
    enter_pin,
    wrong_pin,
    page,
    delete_digit,       // the keypad's key that removes the last digit
    ok,
    sections,           // the menu's name for its tiles when the exhibit has no title
    cite_from,          // an excerpt's citation labels: the source's title...
    cite_by,            // ...its author...
    cite_published,     // ...where and when it was published
};

// Languages with a built-in table, in no particular order.
inline constexpr std::string_view kUiLanguages[] = {"en", "pt", "ru", "fr", "de", "es"};

// `text` in `language` ("pt", or a regional code such as "pt-BR" / "pt_BR", which reads its
// base language's words), else in English. A view of a static UTF-8 string: valid forever.
std::string_view ui_text(UiText text, std::string_view language);

// Whether `language` (or its base language) has a built-in table.
bool has_ui_language(std::string_view language);

// The idle warning's countdown line with `seconds` filled in, e.g. "Returning to the start in
// 7 s" / "Возврат к началу через 7 с". The unit is abbreviated in every language so that no
// plural form depends on the number. Negative seconds read as 0.
std::string returning_in(std::string_view language, int seconds);

}  // namespace vitrine::core
