#include "vigil/engine/record/line_splitter.hpp"

#include <stdexcept>

namespace vigil::engine::record {

LineSplitter::LineSplitter(size_t max_line_bytes) : max_(max_line_bytes) {
    if (max_ == 0) throw std::invalid_argument("LineSplitter: max_line_bytes must be at least 1");
}

void LineSplitter::feed(std::string_view chunk, const std::function<void(const RawLine&)>& on_line) {
    while (!chunk.empty()) {
        const size_t nl = chunk.find('\n');
        const std::string_view part = chunk.substr(0, nl);
        if (skipping_) {
            skipped_ += part.size();
        } else if (pending_.size() + part.size() > max_) {
            // Reported as soon as it is known, not when (if ever) its newline comes.
            skipping_ = true;
            skipped_ = pending_.size() + part.size();
            pending_.clear();
            RawLine r;
            r.number = line_;
            r.too_long = true;
            r.bytes = skipped_;
            on_line(r);
        } else {
            pending_.append(part);
        }
        if (nl == std::string_view::npos) return;
        if (!skipping_) {
            RawLine r;
            r.number = line_;
            r.text = pending_;
            r.bytes = pending_.size();
            on_line(r);
        }
        pending_.clear();
        skipping_ = false;
        skipped_ = 0;
        ++line_;
        chunk.remove_prefix(nl + 1);
    }
}

}  // namespace vigil::engine::record
