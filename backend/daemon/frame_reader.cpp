#include "frame_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace vigil::daemon {

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

void FrameReader::header_line(const std::string& line) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) {
        if (!header_error_) header_error_ = "malformed header line (expected 'Name: value'): '" + line.substr(0, 80) + "'";
        return;
    }
    const std::string name = lower(trim(line.substr(0, colon)));
    const std::string value = trim(line.substr(colon + 1));
    if (name != "content-length") return;  // Content-Type and others are allowed and ignored
    size_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
        header_error_ = "Content-Length is not a number: '" + value.substr(0, 40) + "'";
        return;
    }
    length_ = n;
}

void FrameReader::end_of_headers(std::vector<Frame>& out) {
    header_bytes_ = 0;
    const auto error = std::move(header_error_);
    header_error_.reset();
    const auto length = length_;
    length_.reset();
    if (error || !length) {
        // Without a trustworthy length the body cannot be found: report and read the next
        // bytes as headers again (a well-behaved client resynchronises at its next message).
        out.push_back({{}, RpcError(ErrorCode::parse_error, "framing error: " + error.value_or("no Content-Length header"))});
        state_ = State::headers;
        return;
    }
    if (*length > max_message_) {
        out.push_back({{}, RpcError(ErrorCode::invalid_request,
                                    "message of " + std::to_string(*length) + " bytes refused: the limit is " +
                                        std::to_string(max_message_) + " bytes (vigild --max-message-bytes)",
                                    {{"length", *length}, {"limit", max_message_}})});
        remaining_ = *length;
        state_ = remaining_ ? State::skip : State::headers;
        return;
    }
    remaining_ = *length;
    body_.clear();
    body_.reserve(remaining_);
    state_ = State::body;
    if (remaining_ == 0) {
        out.push_back({std::string(), std::nullopt});
        state_ = State::headers;
    }
}

void FrameReader::feed(const char* data, size_t size, std::vector<Frame>& out) {
    size_t i = 0;
    while (i < size) {
        if (state_ == State::body || state_ == State::skip) {
            const size_t take = std::min(remaining_, size - i);
            if (state_ == State::body) body_.append(data + i, take);
            i += take;
            remaining_ -= take;
            if (remaining_ == 0) {
                if (state_ == State::body) out.push_back({std::move(body_), std::nullopt});
                body_.clear();
                state_ = State::headers;
            }
            continue;
        }
        const char c = data[i++];
        if (++header_bytes_ > kMaxHeaderBytes) {
            // Not a header section at all (e.g. a client writing bare JSON): report once per
            // section and drop bytes until an empty line.
            if (!header_error_) header_error_ = "header section longer than " + std::to_string(kMaxHeaderBytes) + " bytes";
            line_.clear();
            if (c != '\n') continue;
        }
        if (c != '\n') {
            if (line_.size() < kMaxHeaderBytes) line_.push_back(c);
            continue;
        }
        if (!line_.empty() && line_.back() == '\r') line_.pop_back();
        if (line_.empty()) {
            // A blank line before any header is a stray line ending: skip it.
            if (header_bytes_ <= 2 && !length_ && !header_error_) {
                header_bytes_ = 0;
                continue;
            }
            end_of_headers(out);
        } else {
            header_line(line_);
        }
        line_.clear();
    }
}

}  // namespace vigil::daemon
