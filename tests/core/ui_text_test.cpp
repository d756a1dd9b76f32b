#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/ui_text.hpp"

using namespace vitrine;
using core::UiText;

namespace {

constexpr UiText kAll[] = {UiText::menu,        UiText::back,        UiText::close,        UiText::previous,
                           UiText::next,        UiText::pause,       UiText::play,         UiText::more,
                           UiText::still_there, UiText::touch_to_continue, UiText::staff_only, UiText::enter_pin,
                           UiText::wrong_pin,   UiText::page,        UiText::delete_digit, UiText::ok,
                           UiText::sections};

}  // namespace

TEST_CASE("every interface text exists in every built-in language, and the words differ by language") {
    for (std::string_view lang : core::kUiLanguages) {
        CAPTURE(std::string(lang));
        CHECK(core::has_ui_language(lang));
        std::set<std::string_view> seen;
        for (UiText t : kAll) {
            const std::string_view s = core::ui_text(t, lang);
            CHECK_FALSE(s.empty());
            seen.insert(s);
        }
        // Distinct words for distinct controls (no copy-paste slot left over).
        CHECK(seen.size() == std::size(kAll));
    }
    CHECK(core::ui_text(UiText::back, "en") == "Back");
    CHECK(core::ui_text(UiText::back, "pt") == "Voltar");
    CHECK(core::ui_text(UiText::back, "ru") == "Назад");
    CHECK(core::ui_text(UiText::close, "fr") == "Fermer");
    CHECK(core::ui_text(UiText::menu, "de") == "Menü");
    CHECK(core::ui_text(UiText::wrong_pin, "es") == "PIN incorrecto");
    CHECK(core::ui_text(UiText::still_there, "en") == "Still there?");
    CHECK(core::ui_text(UiText::touch_to_continue, "en") == "Touch the screen to keep exploring.");
}

TEST_CASE("a regional code reads its base language, and an unknown language reads English") {
    CHECK(core::ui_text(UiText::back, "pt-BR") == "Voltar");
    CHECK(core::ui_text(UiText::back, "pt_BR") == "Voltar");
    CHECK(core::ui_text(UiText::back, "PT") == "Voltar");
    CHECK(core::has_ui_language("ru-RU"));
    CHECK_FALSE(core::has_ui_language("nl"));
    CHECK_FALSE(core::has_ui_language(""));
    CHECK_FALSE(core::has_ui_language("p"));
    CHECK(core::ui_text(UiText::back, "nl") == "Back");
    CHECK(core::ui_text(UiText::staff_only, "") == "Staff only");
    CHECK(core::ui_text(UiText::enter_pin, "portuguese") == "Enter PIN");
}

TEST_CASE("the idle countdown line carries the number of seconds in the visit's language") {
    CHECK(core::returning_in("en", 7) == "Returning to the start in 7 s");
    CHECK(core::returning_in("pt", 10) == "Regresso ao início em 10 s");
    CHECK(core::returning_in("ru", 3) == "Возврат к началу через 3 с");
    CHECK(core::returning_in("de", 1) == "Zurück zum Anfang in 1 s");
    CHECK(core::returning_in("xx", 5) == "Returning to the start in 5 s");
    CHECK(core::returning_in("en", -2) == "Returning to the start in 0 s");
}
