#include "vigil/engine/dataset/signal_parser.hpp"

#include "vigil/engine/dataset/float_parse.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include <sys/mman.h>

namespace vigil::engine::dataset {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

enum class ByteClass { newline, blank, comma, semicolon, control, token };

// Why a table: this runs once per byte of files of hundreds of MB.
struct ClassTable {
    ByteClass cls[256];
    constexpr ClassTable() : cls{} {
        for (int c = 0; c < 256; ++c) {
            ByteClass k = ByteClass::token;
            if (c == '\n') k = ByteClass::newline;
            else if (c == ' ' || c == '\t' || c == '\r') k = ByteClass::blank;
            else if (c == ',') k = ByteClass::comma;
            else if (c == ';') k = ByteClass::semicolon;
            else if (c < 0x20 || c == 0x7F) k = ByteClass::control;
            cls[c] = k;
        }
    }
};
constexpr ClassTable kClasses;

inline ByteClass classify(unsigned char c) { return kClasses.cls[c]; }

std::string separator_name(char sep) {
    switch (sep) {
        case ' ': return "space";
        case '\t': return "tab";
        case ',': return "','";
        case ';': return "';'";
        default: return "none";
    }
}

std::string byte_name(unsigned char c) {
    switch (c) {
        case ' ': return "a space";
        case '\t': return "a tab";
        case '\r': return "a carriage return";
        case ',': return "','";
        case ';': return "';'";
        default: {
            char buf[16];
            std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
            return buf;
        }
    }
}

// Printable rendering of a token for messages: bytes outside ASCII are shown as \xNN so a
// message never carries broken UTF-8 or terminal escapes.
std::string printable(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        }
    }
    return out;
}

// First touch of the matrix costs one page fault per 4 KiB (about a fifth of the parse time on
// this kind of VM); asking for transparent huge pages makes it one per 2 MiB where the kernel
// allows it (THP in "madvise" mode). Only the 2 MiB-aligned interior of the allocation is
// advised, so nothing outside it is affected; a refusal is harmless, hence no error.
void advise_huge_pages(void* data, size_t bytes) {
#ifdef MADV_HUGEPAGE
    constexpr uintptr_t kHuge = uintptr_t{2} << 20;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

const char* kFormatHint =
    "write one signal per line, values separated by one separator (space, tab, ',' or ';') "
    "with '.' as the decimal point, e.g. '0.12 -0.5 1e-3'";

}  // namespace

SignalParser::SignalParser(std::string file, size_t axes, uint64_t size_hint, size_t min_signals)
    : file_(std::move(file)), axes_(axes), min_signals_(min_signals), size_hint_(size_hint) {
    if (axes_ == 0) throw std::invalid_argument("SignalParser: axes must be at least 1");
    if (min_signals_ == 0) throw std::invalid_argument("SignalParser: min_signals must be at least 1");
    dataset_.axes = axes_;
}

void SignalParser::fail(std::string kind, uint64_t column, std::string message, std::string hint) {
    if (error_) return;
    Issue e;
    e.severity = Severity::error;
    e.kind = std::move(kind);
    e.message = std::move(message);
    e.hint = std::move(hint);
    e.file = file_;
    e.line = line_;
    e.column = column;
    error_ = std::move(e);
    // Nothing half-parsed leaves the parser: callers see an error and an empty dataset.
    dataset_.data.clear();
    dataset_.data.shrink_to_fit();
    dataset_.source_lines.clear();
    dataset_.signals = 0;
    dataset_.length = 0;
}

bool SignalParser::feed(std::string_view chunk) {
    if (error_) return false;
    format_.bytes += chunk.size();
    if (!bom_checked_) {
        // The BOM may arrive split across chunks: hold at most 3 bytes until we know.
        while (!chunk.empty() && bom_prefix_.size() < kBom.size()) {
            bom_prefix_ += chunk.front();
            chunk.remove_prefix(1);
            if (kBom.substr(0, bom_prefix_.size()) != bom_prefix_) break;
        }
        if (bom_prefix_.size() < kBom.size() && kBom.substr(0, bom_prefix_.size()) == bom_prefix_)
            return true;  // still undecided
        bom_checked_ = true;
        if (bom_prefix_ == kBom) {
            format_.bom = true;
        } else {
            process(bom_prefix_);
        }
        bom_prefix_.clear();
    }
    process(chunk);
    return !error_;
}

void SignalParser::process(std::string_view chunk) {
    if (error_) return;  // e.g. the held-back first bytes already failed
    const unsigned char* p = reinterpret_cast<const unsigned char*>(chunk.data());
    const size_t n = chunk.size();
    size_t i = 0;

    // A number cut by the end of the previous chunk: complete it first.
    if (state_ == State::token) {
        size_t j = i;
        while (j < n && classify(p[j]) == ByteClass::token) ++j;
        if (token_len_ + (j - i) > kMaxTokenBytes) {
            token_len_ = std::min(token_len_, kMaxTokenBytes);
            fail_at_token("non_numeric", "a value longer than " + std::to_string(kMaxTokenBytes) +
                          " characters ('" + printable({token_, token_len_}) + "...') is not a number",
                          kFormatHint);
            return;
        }
        std::copy(p + i, p + j, token_ + token_len_);
        token_len_ += j - i;
        column_ += j - i;
        i = j;
        if (i == n) return;
        end_token(token_, token_ + token_len_);
        if (error_) return;
        state_ = State::after_value;
    }

    while (i < n) {
        const unsigned char c = p[i];
        const ByteClass k = classify(c);
        if (k == ByteClass::token && values_per_line_ != 0 &&
            (state_ == State::line_start || state_ == State::leading_blank || state_ == State::after_separator)) {
            const size_t done = fast_values(p, i, n);
            if (error_) return;
            if (done != i) {
                i = done;
                continue;
            }
        }
        const uint64_t col = ++column_;  // 1-based column of c

        if (k == ByteClass::token) {
            if (state_ == State::after_value || state_ == State::token) {
                // Cannot happen: a value only ends at a non-value byte. Kept as a guard.
                fail("non_numeric", col, "unexpected " + byte_name(c), kFormatHint);
                return;
            }
            if (state_ == State::trailing_blank) {
                fail("mixed_separators", blank_column_,
                     byte_name(static_cast<unsigned char>(pending_blank_)) + " separates values where " +
                         separator_name(format_.separator) + " is the separator",
                     "use one separator throughout the file");
                return;
            }
            // Start of a value: scan it in place; copy it only if the chunk cuts it.
            token_column_ = col;
            size_t j = i + 1;
            while (j < n && classify(p[j]) == ByteClass::token) ++j;
            const size_t len = j - i;
            column_ += len - 1;
            if (len > kMaxTokenBytes) {
                token_len_ = kMaxTokenBytes;
                std::copy(p + i, p + i + kMaxTokenBytes, token_);
                fail_at_token("non_numeric", "a value longer than " + std::to_string(kMaxTokenBytes) +
                              " characters ('" + printable({token_, 16}) + "...') is not a number",
                              kFormatHint);
                return;
            }
            i = j;
            if (j == n) {  // cut by the end of the chunk: keep the start for the next one
                std::copy(p + j - len, p + j, token_);
                token_len_ = len;
                state_ = State::token;
                return;
            }
            // Parsed where it lies: no copy on the common path.
            end_token(reinterpret_cast<const char*>(p + j - len), reinterpret_cast<const char*>(p + j));
            if (error_) return;
            state_ = State::after_value;
            continue;
        }

        ++i;
        if (k == ByteClass::control) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "0x%02X", c);
            fail("binary_content", col,
                 std::string("binary content: control byte ") + buf + " is not allowed in a signal file",
                 "export the signals as text; " + std::string(kFormatHint));
            return;
        }
        if (k == ByteClass::newline) {
            if (state_ == State::after_separator && format_.separator != ' ' && format_.separator != '\t') {
                fail("empty_value", col - 1, "the line ends with the separator " +
                     separator_name(format_.separator) + ", so its last value is empty",
                     "remove the separator at the end of each line");
                return;
            }
            if (state_ == State::trailing_blank && blank_after_separator_) {
                fail("empty_value", separator_column_, "the line ends with the separator " +
                     separator_name(format_.separator) + ", so its last value is empty",
                     "remove the separator at the end of each line");
                return;
            }
            if (prev_cr_) format_.crlf = true;
            end_line();
            if (error_) return;
            continue;
        }
        prev_cr_ = (c == '\r');

        const char sep = format_.separator;
        const bool blank_sep = (sep == ' ' || sep == '\t');
        switch (state_) {
            case State::line_start:
            case State::leading_blank:
                if (k == ByteClass::blank) {
                    state_ = State::leading_blank;  // leading blanks are tolerated
                } else {
                    fail("empty_value", col, "the line starts with " + byte_name(c) + ", so its first value is empty",
                         "remove the separator at the start of the line");
                    return;
                }
                break;

            case State::after_value:
                if (k == ByteClass::blank) {
                    if (c == static_cast<unsigned char>(sep)) {
                        state_ = State::after_separator;
                        separator_column_ = col;
                    } else if (sep == 0 && c != '\r') {
                        format_.separator = static_cast<char>(c);
                        state_ = State::after_separator;
                        separator_column_ = col;
                    } else {
                        state_ = State::trailing_blank;  // trailing whitespace, unless a value follows
                        blank_column_ = col;
                        pending_blank_ = static_cast<char>(c);
                        blank_after_separator_ = false;
                    }
                } else if (k == ByteClass::comma) {
                    if (sep == ',' || sep == 0) {
                        format_.separator = ',';
                        if (first_comma_column_ == 0) first_comma_column_ = col;
                        state_ = State::after_separator;
                        separator_column_ = col;
                    } else {
                        fail("decimal_comma", col, "',' right after a number where " + separator_name(sep) +
                             " separates values: decimal commas are not supported",
                             "use '.' as the decimal point (1.5, not 1,5)");
                        return;
                    }
                } else {  // semicolon
                    if (sep == ';' || sep == 0) {
                        format_.separator = ';';
                        state_ = State::after_separator;
                        separator_column_ = col;
                    } else if (sep == ',' && first_comma_column_ != 0) {
                        fail("decimal_comma", first_comma_column_,
                             "this line mixes ',' and ';' like '1,5;2,3': decimal commas are not supported",
                             "use '.' as the decimal point and one separator (e.g. '1.5;2.3')");
                        return;
                    } else {
                        fail("mixed_separators", col, "';' separates values where " + separator_name(sep) +
                             " is the separator", "use one separator throughout the file");
                        return;
                    }
                }
                break;

            case State::after_separator:
                if (k == ByteClass::blank && blank_sep && c == static_cast<unsigned char>(sep)) {
                    break;  // a run of the blank separator (aligned columns)
                }
                if (k == ByteClass::blank) {
                    state_ = State::trailing_blank;
                    blank_column_ = col;
                    pending_blank_ = static_cast<char>(c);
                    blank_after_separator_ = !blank_sep;
                    break;
                }
                if (static_cast<char>(c) == sep) {
                    fail("empty_value", col, "two " + separator_name(sep) + " in a row: the value between them is empty",
                         "remove the extra separator or write the missing value");
                } else {
                    fail("mixed_separators", col, byte_name(c) + " follows the separator " + separator_name(sep),
                         "use one separator throughout the file");
                }
                return;

            case State::trailing_blank:
                if (k == ByteClass::blank) break;
                fail("mixed_separators", blank_column_,
                     byte_name(static_cast<unsigned char>(pending_blank_)) + " before " + byte_name(c) +
                         " where " + separator_name(sep) + " is the separator",
                     "use one separator throughout the file, with nothing around it");
                return;

            case State::token:
                break;  // unreachable: tokens are consumed above
        }
    }
}

// The common case, after the first line has fixed the row size: a value the inline float
// parser takes, then exactly the separator or a newline. Such values are parsed, stored and
// counted here in one pass over their bytes, with no per-byte state machine. Anything else
// (a blank run, '\r', a value cut by the end of the chunk, a value needing from_chars, a line
// too long, a full matrix) stops the loop with the state as the careful path would have left
// it, and the careful path takes that byte, so errors keep their exact kind, line and column.
size_t SignalParser::fast_values(const unsigned char* p, size_t i, const size_t n) {
    // With no separator yet (one value per line), 0 would match a NUL byte: use '\n' instead.
    const unsigned char sep = format_.separator != 0 ? static_cast<unsigned char>(format_.separator) : '\n';
    auto& data = dataset_.data;
    const char* const text = reinterpret_cast<const char*>(p);
    while (i < n) {
        float value;
        const char* end = parse_float_fast(text + i, text + n, value);
        if (end == nullptr || end == text + n) break;
        const unsigned char t = static_cast<unsigned char>(*end);
        if (t != sep && t != '\n') break;
        if (values_in_line_ == values_per_line_ || data.size() == data.capacity()) break;
        data.push_back(value);
        ++values_in_line_;
        const size_t next = static_cast<size_t>(end - text) + 1;
        column_ += next - i;  // the value's bytes and the byte after it
        i = next;
        if (t == '\n') {
            if (prev_cr_) format_.crlf = true;  // as the careful path: a '\r' earlier on the line
            end_line();
            if (error_) return i;
        } else {
            prev_cr_ = false;
            separator_column_ = column_;
            if (t == ',' && first_comma_column_ == 0) first_comma_column_ = column_;
            state_ = State::after_separator;
        }
    }
    return i;
}

void SignalParser::fail_at_token(std::string kind, std::string message, std::string hint) {
    fail(std::move(kind), token_column_, std::move(message), std::move(hint));
}

// Built with append rather than operator+: GCC 12 reports a false -Wrestrict on
// "literal" + std::string (GCC bug 105329).
std::string SignalParser::token_text() const {
    std::string out(1, '\'');
    out.append(printable({token_first_, size_t(token_last_ - token_first_)}));
    out.push_back('\'');
    return out;
}

void SignalParser::end_token(const char* first, const char* last) {
    token_first_ = first;
    token_last_ = last;
    // from_chars rejects a leading '+', which spreadsheets sometimes write.
    if (last - first > 1 && *first == '+' && first[1] != '-' && first[1] != '+') ++first;
    float value = 0.0f;
    auto [ptr, ec] = parse_float(first, last, value);
    if (ec == std::errc::result_out_of_range && ptr == last) {
        // Out of float32 range: either too large (an error) or so small it rounds to 0 (fine).
        char buf[kMaxTokenBytes + 1];
        std::copy(first, last, buf);
        buf[last - first] = '\0';
        const double d = std::strtod(buf, nullptr);
        if (std::isfinite(d) && std::fabs(d) < 1.0) {
            value = static_cast<float>(d);
            ec = std::errc();
        } else {
            fail_at_token("non_finite", token_text() + " is out of the float32 range (about 3.4e38)",
                          "rescale the signal (e.g. change its unit) so every value fits in a float32");
            return;
        }
    }
    if (ec != std::errc() || ptr != last) {
        std::string hint = kFormatHint;
        if (dataset_.signals == 0 && values_in_line_ == 0)
            hint = "if this line is a header, remove it: signal files hold numbers only; " + hint;
        fail_at_token("non_numeric", token_text() + " is not a number", hint);
        return;
    }
    if (!std::isfinite(value)) {
        fail_at_token("non_finite", token_text() + " is not a finite number (NaN or infinity)",
                      "replace missing or invalid samples, or drop the signals that contain them");
        return;
    }
    store(value);
}

void SignalParser::store(float value) {
    if (values_per_line_ != 0 && values_in_line_ == values_per_line_) {
        fail_at_token("inconsistent_length",
                      "this line has more values than the " + std::to_string(values_per_line_) +
                          " of the first signal (line " + std::to_string(dataset_.source_lines.front()) +
                          "); the extra value starts here",
                      "every line must hold the same number of values (samples x axes)");
        return;
    }
    auto& data = dataset_.data;
    if (data.size() == data.capacity() && values_per_line_ != 0) {
        // Grow by a quarter rather than doubling: the estimate from the file size is usually
        // right, and when it is not, a smaller step keeps the peak close to the data.
        data.reserve(data.capacity() + data.capacity() / 4 + values_per_line_);
    }
    data.push_back(value);
    ++values_in_line_;
}

void SignalParser::reserve_from_first_line(uint64_t line_bytes) {
    if (size_hint_ == 0) return;
    // Lines of one file have about the same length: size / first line ~ number of lines. Every
    // value takes at least two bytes ("1 "), which caps the reservation for odd files.
    const uint64_t lines = size_hint_ / (line_bytes + 1) + 1;
    uint64_t values = (lines + lines / 32 + 1) * values_per_line_;
    values = std::min<uint64_t>(values, size_hint_ / 2 + values_per_line_);
    dataset_.data.reserve(values);
    advise_huge_pages(dataset_.data.data(), dataset_.data.capacity() * sizeof(float));
}

void SignalParser::end_line() {
    const uint64_t eol_column = column_;
    if (values_in_line_ > 0) {
        if (values_per_line_ == 0) {
            if (values_in_line_ % axes_ != 0) {
                fail("axes_mismatch", eol_column,
                     "the first signal has " + std::to_string(values_in_line_) +
                         " values, which is not a multiple of the " + std::to_string(axes_) + " axes",
                     "check --axes: each line holds length x axes values, interleaved per sample");
                return;
            }
            values_per_line_ = values_in_line_;
            dataset_.length = values_per_line_ / axes_;
            reserve_from_first_line(eol_column);
        } else if (values_in_line_ < values_per_line_) {
            fail("inconsistent_length", eol_column,
                 "this line has " + std::to_string(values_in_line_) + " values, the first signal (line " +
                     std::to_string(dataset_.source_lines.empty() ? line_ : dataset_.source_lines.front()) +
                     ") has " + std::to_string(values_per_line_),
                 "every line must hold the same number of values (samples x axes)");
            return;
        }
        dataset_.source_lines.push_back(line_);
        ++dataset_.signals;
    }
    ++line_;
    column_ = 0;
    values_in_line_ = 0;
    first_comma_column_ = 0;
    prev_cr_ = false;
    state_ = State::line_start;
}

void SignalParser::finish() {
    if (error_) return;
    if (!bom_checked_) {
        bom_checked_ = true;
        process(bom_prefix_);
        bom_prefix_.clear();
    }
    if (error_) return;
    if (state_ == State::token) {
        end_token(token_, token_ + token_len_);
        if (error_) return;
        state_ = State::after_value;
    }
    const bool line_open = values_in_line_ > 0 || state_ != State::line_start;
    if (line_open) {
        if (state_ == State::after_separator && format_.separator != ' ' && format_.separator != '\t') {
            fail("empty_value", column_, "the last line ends with the separator " + separator_name(format_.separator) +
                 ", so its last value is empty", "remove the separator at the end of the line");
            return;
        }
        if (state_ == State::trailing_blank && blank_after_separator_) {
            fail("empty_value", separator_column_, "the last line ends with the separator " +
                 separator_name(format_.separator) + ", so its last value is empty",
                 "remove the separator at the end of the line");
            return;
        }
        ++column_;  // the end of the file stands where the newline would be
        end_line();
        if (error_) return;
        format_.lines = line_ - 1;
    } else {
        format_.lines = line_ - 1;
    }
    if (dataset_.signals == 0) {
        line_ = 1;
        fail("empty_file", 1,
             format_.bytes == 0 ? "the file is empty" : "the file holds no values (only blank lines)",
             kFormatHint);
        return;
    }
    if (dataset_.signals < min_signals_) {
        line_ = 0;
        fail("too_few_signals", 0,
             "the file holds " + std::to_string(dataset_.signals) + " signals; at least " +
                 std::to_string(min_signals_) + " are needed",
             "record more signals (100 or more is recommended), one per line");
        return;
    }
    // No shrink_to_fit: it would copy the whole matrix (time, and twice the memory at the
    // peak) to return the few percent the size estimate reserved in excess.
}

}  // namespace vigil::engine::dataset
