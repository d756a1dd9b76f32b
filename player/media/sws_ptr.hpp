#pragma once
// One owner per libswscale context (conventions: each C handle in exactly one unique_ptr).
extern "C" {
#include <libswscale/swscale.h>
}

#include <memory>

namespace vitrine::media {

struct SwsContextDeleter {
    void operator()(SwsContext* p) const noexcept { sws_freeContext(p); }
};

using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;

}  // namespace vitrine::media
