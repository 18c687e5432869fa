// A push parser for signal files: feed it the bytes in chunks of any size (a chunk may end in
// the middle of a number), then call finish(). It never holds a line or the text in memory,
// only the floats (appended to a Dataset) and at most one partial number; a 1 GB line without
// a newline costs nothing but its values.
//
// It stops at the first blocking error and reports it with line and column (docs/check.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vigil/engine/dataset/dataset.hpp"
#include "vigil/engine/dataset/issue.hpp"

namespace vigil::engine::dataset {

// What the parser learned about the text itself (shown in reports).
struct TextFormat {
    char separator = 0;      // ' ', '\t', ',' or ';'; 0 when no line had two values
    bool bom = false;        // the file started with a UTF-8 byte order mark
    bool crlf = false;       // at least one line ended with "\r\n"
    uint64_t lines = 0;      // lines seen, blank ones included
    uint64_t bytes = 0;
};

class SignalParser {
public:
    // `file` is only used to name the file in errors. `size_hint` (the file size, 0 if unknown)
    // lets the parser reserve the float matrix once instead of growing it, which keeps peak
    // memory close to the data itself.
    // `min_signals`: fewer signals is a blocking error. Selection needs kMinSignals; the
    // emulator accepts any non-empty file (a user may detect a single signal).
    SignalParser(std::string file, size_t axes, uint64_t size_hint = 0, size_t min_signals = kMinSignals);

    // Parses the next bytes. Returns false once a blocking error stopped parsing (further
    // calls are ignored).
    bool feed(std::string_view chunk);
    // Ends the input: completes the last line, then checks the whole-file rules (empty file,
    // fewer than min_signals signals). After an error the dataset is empty.
    void finish();

    const std::optional<Issue>& error() const { return error_; }
    const TextFormat& format() const { return format_; }
    Dataset& dataset() { return dataset_; }
    Dataset take_dataset() { return std::move(dataset_); }

    static constexpr size_t kMinSignals = 20;      // fewer: blocking error
    static constexpr size_t kMaxTokenBytes = 64;   // longer than any float32 needs

private:
    enum class State { line_start, leading_blank, token, after_value, after_separator, trailing_blank };

    void process(std::string_view chunk);
    void end_token(const char* first, const char* last);  // parses and stores one value
    size_t fast_values(const unsigned char* p, size_t i, size_t n);  // common-case values from p[i]
    void end_line();
    void store(float value);
    void reserve_from_first_line(uint64_t line_bytes);
    void fail(std::string kind, uint64_t column, std::string message, std::string hint);
    void fail_at_token(std::string kind, std::string message, std::string hint);
    std::string token_text() const;

    std::string file_;
    size_t axes_;
    size_t min_signals_;
    uint64_t size_hint_;
    Dataset dataset_;
    TextFormat format_;
    std::optional<Issue> error_;

    State state_ = State::line_start;
    uint64_t line_ = 1;
    uint64_t column_ = 0;            // column of the byte being processed
    bool bom_checked_ = false;
    std::string bom_prefix_;         // the first bytes, until we know whether they are a BOM
    char token_[kMaxTokenBytes + 1] = {};
    size_t token_len_ = 0;
    const char* token_first_ = nullptr;  // the value being parsed (for messages)
    const char* token_last_ = nullptr;
    uint64_t token_column_ = 0;
    uint64_t blank_column_ = 0;      // where the pending blank run started
    uint64_t first_comma_column_ = 0;  // first ',' of this line (decimal comma diagnosis)
    uint64_t separator_column_ = 0;    // the last separator (a line ending with one)
    char pending_blank_ = 0;           // the blank that started the pending blank run
    bool blank_after_separator_ = false;  // that run follows ',' or ';' (not trailing space)
    bool prev_cr_ = false;             // the previous byte was '\r' (CRLF detection)
    size_t values_in_line_ = 0;
    size_t values_per_line_ = 0;     // fixed by the first data line
};

}  // namespace vigil::engine::dataset
