// Appends signals to a signal file one line at a time, so that the file is a valid signal file
// after every line (DESIGN.md, principle 6): each line is written whole with one write() and
// flushed to disk (fdatasync) before the next; a failed or short write is cut back off the file
// (ftruncate to where the line started) before the error is thrown. A line is therefore in the
// file whole or not at all, whatever stops the recording.
//
// Values are written in the shortest decimal form that reads back as the same float32 (the
// numbers the engine parsed from the board's text, so `vigil check` and the benchmark see
// exactly what was validated), separated by the file's separator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace vigil::engine::record {

class SignalAppender {
public:
    // Opens `path` for appending, creating it (0644) when missing, and locks it against a second
    // recorder. An existing non-empty file must end with '\n' (else its last line may be the
    // partial line of an interrupted writer: refused, with the byte offset to cut it at) and
    // must be a signal file of `length` samples x `axes` values (read with the engine's loader;
    // refused naming file, line and column otherwise). Errors: util::LocatedError for the
    // file's content, std::runtime_error naming the file for the system's refusals.
    SignalAppender(std::string path, size_t axes, size_t length);
    ~SignalAppender();
    SignalAppender(const SignalAppender&) = delete;
    SignalAppender& operator=(const SignalAppender&) = delete;

    // Appends one signal (length x axes values) as one line. `board_separator` is used when the
    // file has none yet (a new file takes the board's separator; ' ' when the board sent one
    // value per line). Throws std::runtime_error naming the file; the file is then unchanged.
    void append(std::span<const float> values, char board_separator);

    const std::string& path() const { return path_; }
    uint64_t signals() const { return existing_ + appended_; }  // signal lines in the file now
    uint64_t existing_signals() const { return existing_; }     // before this recording
    uint64_t appended() const { return appended_; }
    char separator() const { return separator_; }                // 0 until known
    bool created() const { return created_; }

    // The text of one line (exposed for tests): values joined by `separator`, then '\n'.
    static std::string format_line(std::span<const float> values, char separator);

private:
    std::string path_;
    size_t values_per_signal_;
    int fd_ = -1;
    uint64_t size_ = 0;  // bytes in the file: where the next line starts
    uint64_t existing_ = 0;
    uint64_t appended_ = 0;
    char separator_ = 0;
    bool created_ = false;
};

}  // namespace vigil::engine::record
