// The files the host and the test firmware (probes/target_test/target_test.c) exchange through
// semihosting, and the firmware's stdout lines: encoding the job, decoding and checking the
// result, and saying how far a run got from a partial result. The layout is in target_test.c.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::engine::target {

inline constexpr uint32_t kJobMagic = 0x31544756u;     // "VGT1"
inline constexpr uint32_t kResultMagic = 0x31525456u;  // "VTR1"
inline constexpr const char* kJobFile = "job.bin";
inline constexpr const char* kResultFile = "result.bin";

// `floats` values per signal; `learn` and `detect` hold whole signals, back to back.
std::string encode_job(uint32_t recipe_id, uint32_t floats, const std::vector<float>& learn,
                       const std::vector<float>& detect);

struct FirmwareLearn {
    uint32_t status = 0;
    uint32_t cycles = 0;  // counter ticks, the empty-region overhead not yet subtracted
};

struct FirmwareDetect {
    uint32_t status = 0;
    uint32_t similarity = 0;    // 0..100 (255 when the call refused)
    uint32_t exact_status = 0;  // of vigil_model_similarity
    uint32_t exact_bits = 0;    // its float, bit for bit
    uint32_t cycles = 0;
};

struct FirmwareResult {
    uint32_t recipe_id = 0;
    uint32_t counter_kind = 0;     // 1 DWT, 2 SysTick
    bool counter_running = false;  // false under QEMU (no cycle counter there)
    uint32_t overhead = 0;         // ticks of an empty measured region
    uint32_t init_status = 0;
    std::vector<FirmwareLearn> learn;
    std::vector<FirmwareDetect> detect;
};

struct Completion {
    uint32_t words = 0;
    uint32_t fnv1a32 = 0;
};

// "VIGIL-TEST-DONE <words> <fnv1a32>" in the firmware's output, if there.
std::optional<Completion> find_completion(std::string_view output);
// "VIGIL-TEST-ERROR <what>" (the firmware refused its job), if there.
std::optional<std::string> find_firmware_error(std::string_view output);
// "VIGIL-FAULT: ..." (probes/startup's fault handler), if there.
std::optional<std::string> find_fault(std::string_view output);

uint32_t fnv1a32(std::string_view bytes);

// Checks the result against the completion line (size and checksum), the library and the
// job's counts. Throws DeviceError(protocol) saying what does not match.
FirmwareResult decode_result(std::string_view bytes, const Completion& completion, uint32_t recipe_id,
                             size_t learn, size_t detect);

// From the size of a result file still being written: how many calls finished (learn calls
// first, then detect calls), and where the firmware is in words a user understands.
size_t calls_done(size_t result_bytes, size_t learn);
std::string progress_text(size_t result_bytes, size_t learn, size_t detect);

// The instruction counts QEMU's icount plugin printed at each vigil_test_mark
// ("icount-mark <k> <count>"), in order.
std::vector<uint64_t> icount_marks(std::string_view output);

}  // namespace vigil::engine::target
