// core::adhoc_playlist: media files given on the command line become a playlist of their own.
// Real files in a temporary folder (their contents do not matter: kinds go by name).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/adhoc_playlist.hpp"

namespace fs = std::filesystem;
using namespace vitrine::core;

namespace {

const fs::path kFonts = (fs::path(VITRINE_FIXTURES) / ".." / ".." / "fonts").lexically_normal();

// A fresh folder under the system's temporary one, removed with everything in it at the end.
class TempFolder {
public:
    TempFolder() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("vitrine-adhoc-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    // Creates `name` (and its folders) holding `text`; returns its path.
    fs::path file(const std::string& name, const std::string& text = "x") const {
        const fs::path p = path_ / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::vector<std::string> ids_of(const LoadOutcome& out) {
    std::vector<std::string> ids;
    for (const Item& item : out.playlist->items) ids.push_back(item.id);
    return ids;
}

std::vector<std::string> kinds_of(const LoadOutcome& out) {
    std::vector<std::string> kinds;
    for (const Item& item : out.playlist->items) kinds.emplace_back(kind_name(item.body));
    return kinds;
}

const Diagnostic& only_diagnostic(const LoadOutcome& out) {
    REQUIRE(out.diagnostics.size() == 1);
    return out.diagnostics.front();
}

}  // namespace

TEST_CASE("media files given directly become items in the order given, of the kind their extension names") {
    TempFolder dir;
    const fs::path clip = dir.file("clip.mp4");
    const fs::path photo = dir.file("photo.JPG");
    const fs::path talk = dir.file("talk.Opus");
    const fs::path film = dir.file("film.MKV");
    const fs::path song = dir.file("song.wma");
    const auto out = adhoc_playlist({clip, photo, talk, film, song}, kFonts);
    CHECK(out.diagnostics.empty());
    REQUIRE(out.playlist);
    CHECK(ids_of(out) == std::vector<std::string>{"clip", "photo", "talk", "film", "song"});
    CHECK(kinds_of(out) == std::vector<std::string>{"video", "image", "audio", "video", "audio"});

    const Playlist& p = *out.playlist;
    CHECK(p.path.empty());
    CHECK(p.exhibit.title == "Vitrine");
    CHECK(p.exhibit.theme.body_font == kFonts / "DejaVuSerif.ttf");
    CHECK(p.exhibit.theme.heading_font == kFonts / "DejaVuSans-Bold.ttf");
    CHECK(p.exhibit.theme.italic_font == kFonts / "DejaVuSerif-Italic.ttf");
    CHECK(p.exhibit.theme.ui_font == kFonts / "DejaVuSans.ttf");

    SUBCASE("clips stay until they end, do not loop, and are titled by their file name") {
        const auto& video = std::get<VideoItem>(p.items[0].body);
        CHECK(p.items[0].until_end);
        CHECK_FALSE(video.clip.loop);
        CHECK(video.clip.file == clip);
        CHECK(video.title == "clip");
        const auto& audio = std::get<AudioItem>(p.items[2].body);
        CHECK(p.items[2].until_end);
        CHECK_FALSE(audio.clip.loop);
        CHECK_FALSE(audio.background);
        CHECK(audio.clip.file == talk);
        CHECK(audio.title == "talk");
    }
    SUBCASE("an image stays the exhibit's default duration") {
        const Item& image = p.items[1];
        CHECK_FALSE(image.until_end);
        CHECK_FALSE(image.duration.has_value());
        CHECK(std::get<ImageItem>(image.body).file == photo);
        CHECK(item_duration(image, p.exhibit) == p.exhibit.default_duration);
        CHECK(item_duration(image, p.exhibit) == Millis{10000});
    }
}

TEST_CASE("the kind of a media file goes by its extension in any case") {
    CHECK(media_file_kind("a/b.JPEG") == MediaFileKind::image);
    CHECK(media_file_kind("b.webp") == MediaFileKind::image);
    CHECK(media_file_kind("b.M2TS") == MediaFileKind::video);
    CHECK(media_file_kind("b.ogv") == MediaFileKind::video);
    CHECK(media_file_kind("b.oga") == MediaFileKind::audio);
    CHECK(media_file_kind("b.FLAC") == MediaFileKind::audio);
    CHECK_FALSE(media_file_kind("b.tiff").has_value());
    CHECK_FALSE(media_file_kind("b.srt").has_value());
    CHECK_FALSE(media_file_kind("mp4").has_value());  // a name, not an extension
    CHECK_FALSE(media_file_kind("b.mp4.txt").has_value());
}

TEST_CASE("ids come from the file names, written as the loader accepts ids, and made unique") {
    TempFolder dir;
    const auto out = adhoc_playlist({dir.file("a/talk.mp3"), dir.file("b/talk.mp3"), dir.file("Talk 1.opus"),
                                     dir.file("talk-2.mp3"), dir.file("!!!.png"), dir.file("Room_3 (east).jpg")},
                                    kFonts);
    CHECK(out.diagnostics.empty());
    CHECK(ids_of(out) == std::vector<std::string>{"talk", "talk-2", "talk-1", "talk-2-2", "item", "room_3-east"});
}

TEST_CASE("captions beside a clip are found by its name, in the exhibit's language or the one in their name") {
    TempFolder dir;
    const fs::path clip = dir.file("talk.mp4");
    const auto captions_of = [&](const LoadOutcome& out) {
        REQUIRE(out.playlist);
        REQUIRE(out.playlist->items.size() == 1);
        return std::get<VideoItem>(out.playlist->items[0].body).clip.captions;
    };
    SUBCASE("talk.srt is English (the exhibit's language), talk.pt.srt and talk.pt-BR.vtt are tagged") {
        const fs::path en = dir.file("talk.srt");
        const fs::path pt = dir.file("talk.pt.srt");
        const fs::path br = dir.file("talk.pt-BR.vtt");
        dir.file("talk.final.srt");  // "final" is no language
        dir.file("talk.de.txt");     // not captions
        dir.file("talkative.srt");   // another name
        dir.file("other.fr.srt");
        const auto out = adhoc_playlist({clip}, kFonts);
        CHECK(out.diagnostics.empty());
        CHECK(captions_of(out) == std::map<std::string, fs::path>{{"en", en}, {"pt", pt}, {"pt-BR", br}});
    }
    SUBCASE("a file tagged with the exhibit's language wins over the untagged one") {
        dir.file("talk.srt");
        const fs::path en = dir.file("talk.en.vtt");
        CHECK(captions_of(adhoc_playlist({clip}, kFonts)) == std::map<std::string, fs::path>{{"en", en}});
    }
    SUBCASE(".srt is taken before .vtt of the same name") {
        const fs::path srt = dir.file("talk.srt");
        dir.file("talk.vtt");
        CHECK(captions_of(adhoc_playlist({clip}, kFonts)) == std::map<std::string, fs::path>{{"en", srt}});
    }
    SUBCASE("a sound's captions are found the same way") {
        const fs::path song = dir.file("song.flac");
        const fs::path words = dir.file("song.es.vtt");
        const auto out = adhoc_playlist({song}, kFonts);
        REQUIRE(out.playlist->items.size() == 1);
        CHECK(std::get<AudioItem>(out.playlist->items[0].body).clip.captions ==
              std::map<std::string, fs::path>{{"es", words}});
    }
    SUBCASE("a clip with none has none") {
        CHECK(captions_of(adhoc_playlist({clip}, kFonts)).empty());
    }
}

TEST_CASE("a file of a kind Vitrine does not play is an error naming it, and the other files are kept") {
    TempFolder dir;
    const fs::path before = dir.file("before.png");
    const fs::path after = dir.file("after.mp3");
    const auto with = [&](const fs::path& odd) { return adhoc_playlist({before, odd, after}, kFonts); };
    SUBCASE("a TIFF picture: convert it") {
        const fs::path tiff = dir.file("photo.tiff");
        const auto out = with(tiff);
        const Diagnostic& d = only_diagnostic(out);
        CHECK(d.severity == Severity::error);
        CHECK(d.path == tiff.string());
        CHECK(d.message == "not an image, video or audio file Vitrine plays (judged by its name, .tiff); "
                           "convert the picture to .png or .jpg");
        CHECK(format(d).starts_with(tiff.string() + ": error: not an image, video or audio file"));
        CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
    }
    SUBCASE("a misspelt extension: the close one is suggested, with every one Vitrine plays") {
        const fs::path typo = dir.file("clip.mp5");
        const auto out = with(typo);
        const Diagnostic& d = only_diagnostic(out);
        CHECK(d.path == typo.string());
        CHECK(d.message.starts_with("not an image, video or audio file Vitrine plays (judged by its name, .mp5); "
                                    "did you mean .mp4?; images: .jpg .jpeg .png .gif .webp; videos: .mp4 "));
        CHECK(d.message.ends_with("sounds: .mp3 .opus .ogg .oga .flac .wav .aac .m4a .wma"));
    }
    SUBCASE("a file without an extension says so") {
        const fs::path bare = dir.file("README");
        const auto out = with(bare);
        const Diagnostic& d = only_diagnostic(out);
        CHECK(d.message.starts_with("not an image, video or audio file Vitrine plays (judged by its name, which has no "
                                    "extension); images: "));
    }
    SUBCASE("a caption file given on its own: give the clip") {
        const fs::path srt = dir.file("talk.srt");
        const auto out = with(srt);
        CHECK(only_diagnostic(out).message.find("captions are found beside their clip by name") != std::string::npos);
        CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
    }
}

TEST_CASE("a missing file is an error naming it, with a file of a close name suggested") {
    TempFolder dir;
    const fs::path photo = dir.file("photo.jpg");
    const fs::path typo = dir.path() / "phot.jpg";
    const auto out = adhoc_playlist({typo, photo}, kFonts);
    const Diagnostic& d = only_diagnostic(out);
    CHECK(d.severity == Severity::error);
    CHECK(d.path == typo.string());
    CHECK(d.message == "no such file; did you mean \"" + photo.string() + "\"?");
    CHECK(ids_of(out) == std::vector<std::string>{"photo"});

    SUBCASE("nothing close: just the fact") {
        const fs::path far = dir.path() / "something-else-entirely.mp4";
        CHECK(only_diagnostic(adhoc_playlist({far}, kFonts)).message == "no such file");
    }
}

TEST_CASE("something that is not a regular file is an error naming it") {
    const auto out = adhoc_playlist({"/dev/null"}, kFonts);
    const Diagnostic& d = only_diagnostic(out);
    CHECK(d.path == "/dev/null");
    CHECK(d.message.starts_with("not a regular file"));
    REQUIRE(out.playlist);
    CHECK(out.playlist->items.empty());
}

TEST_CASE("a folder stands for its media files in name order, where it was given; other files are skipped") {
    TempFolder dir;
    dir.file("show/10-end.opus");
    dir.file("show/01-intro.mp4");
    dir.file("show/02-photo.jpg");
    dir.file("show/01-intro.srt");  // captions: found for the clip, not an item
    dir.file("show/notes.txt");
    dir.file("show/inner/deep.png");  // not recursive
    const fs::path first = dir.file("first.png");
    const fs::path last = dir.file("last.wav");
    const auto out = adhoc_playlist({first, dir.path() / "show", last}, kFonts);
    CHECK(out.diagnostics.empty());
    CHECK(ids_of(out) == std::vector<std::string>{"first", "01-intro", "02-photo", "10-end", "last"});
    CHECK(std::get<VideoItem>(out.playlist->items[1].body).clip.file == dir.path() / "show" / "01-intro.mp4");
    CHECK(std::get<VideoItem>(out.playlist->items[1].body).clip.captions.at("en") == dir.path() / "show" / "01-intro.srt");

    SUBCASE("a folder with nothing to play is an error naming it") {
        dir.file("empty-of-media/readme.txt");
        const auto none = adhoc_playlist({dir.path() / "empty-of-media", first}, kFonts);
        const Diagnostic& d = only_diagnostic(none);
        CHECK(d.path == (dir.path() / "empty-of-media").string());
        CHECK(d.message.starts_with("the folder holds no image, video or audio file Vitrine plays"));
        CHECK(ids_of(none) == std::vector<std::string>{"first"});
    }
}

TEST_CASE("with check's probes, a file that cannot be used is left out with the reason, captions are read") {
    TempFolder dir;
    const fs::path good = dir.file("good.mp4");
    const fs::path slow = dir.file("slow.mkv");
    const fs::path broken = dir.file("broken.mp4");
    const fs::path photo = dir.file("photo.png");
    dir.file("good.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03 --> 00:00:04,000\nBad time\n");
    LoadOptions options;
    options.fonts_dir = kFonts;
    std::vector<fs::path> probed_images;
    options.probe_image = [&](const fs::path& f) { probed_images.push_back(f); return std::string{}; };
    options.probe_clip = [&](const fs::path& f) { return f == broken ? std::string("moov atom not found") : std::string{}; };
    std::vector<std::pair<fs::path, ClipUse>> decoded;
    options.check_clip = [&](const fs::path& f, ClipUse use) {
        decoded.emplace_back(f, use);
        ClipReport report;
        if (f == slow) report.warnings.push_back("decodes at 0.5x real time on this machine");
        return report;
    };
    options.check_captions = true;
    options.probe_font = [](const fs::path&) { return std::string{}; };

    const auto out = adhoc_playlist({good, slow, broken, photo}, options);
    REQUIRE(out.playlist);
    CHECK(ids_of(out) == std::vector<std::string>{"good", "slow", "photo"});
    CHECK(probed_images == std::vector<fs::path>{photo});
    CHECK(decoded == std::vector<std::pair<fs::path, ClipUse>>{{good, ClipUse::video}, {slow, ClipUse::video}});

    const auto find = [&](const std::string& path) {
        return std::find_if(out.diagnostics.begin(), out.diagnostics.end(), [&](const Diagnostic& d) { return d.path == path; });
    };
    const auto broken_d = find(broken.string());
    REQUIRE(broken_d != out.diagnostics.end());
    CHECK(broken_d->severity == Severity::error);
    CHECK(broken_d->message == "cannot be used: moov atom not found");
    CHECK(broken_d->item_id == "broken");
    const auto slow_d = find(slow.string());
    REQUIRE(slow_d != out.diagnostics.end());
    CHECK(slow_d->severity == Severity::warning);
    CHECK(slow_d->message == "decodes at 0.5x real time on this machine");
    const auto caption_d = find((dir.path() / "good.srt").string());
    REQUIRE(caption_d != out.diagnostics.end());
    CHECK(caption_d->severity == Severity::error);
    CHECK(caption_d->line == 6);
    CHECK(caption_d->item_id == "good");
    CHECK(out.diagnostics.size() == 3);

    SUBCASE("an empty file is refused before any decoder sees it") {
        const fs::path empty = dir.file("empty.webm", "");
        decoded.clear();
        const auto with_empty = adhoc_playlist({empty, photo}, options);
        REQUIRE(with_empty.diagnostics.size() == 1);
        CHECK(with_empty.diagnostics[0].path == empty.string());
        CHECK(with_empty.diagnostics[0].message == "is empty (0 bytes)");
        CHECK(decoded.empty());
        CHECK(ids_of(with_empty) == std::vector<std::string>{"photo"});
    }
    SUBCASE("without check's probes (play), an empty file is kept: the show skips it when it comes") {
        const fs::path empty = dir.file("empty.webm", "");
        const auto played = adhoc_playlist({empty}, kFonts);
        CHECK(played.diagnostics.empty());
        CHECK(ids_of(played) == std::vector<std::string>{"empty"});
    }
    SUBCASE("a sound is decoded as a sound") {
        const fs::path song = dir.file("song.ogg");
        decoded.clear();
        adhoc_playlist({song}, options);
        CHECK(decoded == std::vector<std::pair<fs::path, ClipUse>>{{song, ClipUse::audio}});
    }
    SUBCASE("a default font that is not there is an error naming it") {
        options.fonts_dir = dir.path() / "no-fonts";
        const auto without = adhoc_playlist({photo}, options);
        const auto font_d = std::find_if(without.diagnostics.begin(), without.diagnostics.end(), [&](const Diagnostic& d) {
            return d.path == (dir.path() / "no-fonts" / "DejaVuSerif.ttf").string();
        });
        REQUIRE(font_d != without.diagnostics.end());
        CHECK(font_d->message.starts_with("the default font (body) cannot be used: not found"));
        CHECK(without.diagnostics.size() == 4);
        CHECK(ids_of(without) == std::vector<std::string>{"photo"});
    }
}
