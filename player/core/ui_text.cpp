#include "core/ui_text.hpp"

#include <array>
#include <cstddef>

namespace vitrine::core {
namespace {

constexpr std::size_t kTexts = static_cast<std::size_t>(UiText::cite_published) + 1;

struct Table {
    std::string_view code;
    std::array<std::string_view, kTexts> texts;  // in the order of UiText
    // The countdown, split around the number: before + seconds + after.
    std::string_view countdown_before;
    std::string_view countdown_after;
};

// Short, plain words as on a museum's signs; the number of seconds never needs a plural form.
constexpr std::array<Table, 6> kTables = {{
    {"en",
     {"Menu", "Back", "Close", "Previous", "Next", "Pause", "Play", "More", "Still there?",
      "Touch the screen to keep exploring.", "Staff only", "Enter PIN", "Wrong PIN", "Page", "Delete", "OK",
      "Sections", "From", "By", "Published"},
     "Returning to the start in ", " s"},
    {"pt",
     {"Menu", "Voltar", "Fechar", "Anterior", "Seguinte", "Pausa", "Reproduzir", "Mais", "Ainda está aí?",
      "Toque no ecrã para continuar a explorar.", "Reservado ao pessoal", "Introduza o PIN", "PIN errado",
      "Página", "Apagar", "OK", "Secções", "De", "Por", "Publicado"},
     "Regresso ao início em ", " s"},
    {"ru",
     {"Меню", "Назад", "Закрыть", "Предыдущий", "Следующий", "Пауза", "Воспроизвести", "Ещё", "Вы ещё здесь?",
      "Коснитесь экрана, чтобы продолжить.", "Только для персонала", "Введите PIN-код", "Неверный PIN-код",
      "Страница", "Стереть", "OK", "Разделы", "Источник", "Автор", "Издано"},
     "Возврат к началу через ", " с"},
    {"fr",
     {"Menu", "Retour", "Fermer", "Précédent", "Suivant", "Pause", "Lecture", "Plus", "Vous êtes toujours là ?",
      "Touchez l’écran pour continuer la visite.", "Réservé au personnel", "Saisissez le code PIN",
      "Code PIN incorrect", "Page", "Effacer", "OK", "Sections", "Source", "Auteur", "Publié"},
     "Retour au début dans ", " s"},
    {"de",
     {"Menü", "Zurück", "Schließen", "Vorheriges", "Nächstes", "Pause", "Abspielen", "Mehr", "Noch da?",
      "Berühren Sie den Bildschirm, um weiterzumachen.", "Nur für Personal", "PIN eingeben", "Falsche PIN",
      "Seite", "Löschen", "OK", "Bereiche", "Aus", "Von", "Erschienen"},
     "Zurück zum Anfang in ", " s"},
    {"es",
     {"Menú", "Volver", "Cerrar", "Anterior", "Siguiente", "Pausa", "Reproducir", "Más", "¿Sigue ahí?",
      "Toque la pantalla para seguir explorando.", "Solo personal", "Introduzca el PIN", "PIN incorrecto",
      "Página", "Borrar", "OK", "Secciones", "De", "Por", "Publicado"},
     "Volviendo al inicio en ", " s"},
}};

// "pt-BR" and "pt_BR" read as "pt"; codes compare without regard to case ("PT").
const Table* table_for(std::string_view language) {
    const std::size_t cut = language.find_first_of("-_");
    const std::string_view base = language.substr(0, cut);
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (const Table& t : kTables) {
        if (t.code.size() != base.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < base.size(); ++i) same = same && lower(base[i]) == t.code[i];
        if (same) return &t;
    }
    return nullptr;
}

const Table& table_or_english(std::string_view language) {
    const Table* t = table_for(language);
    return t ? *t : kTables[0];
}

}  // namespace

std::string_view ui_text(UiText text, std::string_view language) {
    return table_or_english(language).texts[static_cast<std::size_t>(text)];
}

bool has_ui_language(std::string_view language) { return table_for(language) != nullptr; }

std::string returning_in(std::string_view language, int seconds) {
    const Table& t = table_or_english(language);
    std::string out(t.countdown_before);
    out += std::to_string(seconds < 0 ? 0 : seconds);
    out += t.countdown_after;
    return out;
}

}  // namespace vitrine::core
