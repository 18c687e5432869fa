// Vigil anomaly-detection library: a small C++17 wrapper of the shipped C API (vigil.h).
// Header-only, no exceptions, no allocation: statuses come back as vigil::Status.
//
//   vigil::Detector det;
//   det.init();
//   while (det.learn(buffer) == vigil::Status::LearningInProgress) { /* next normal buffer */ }
//   uint8_t similarity = 0;
//   if (det.detect(buffer, similarity) == vigil::Status::Ok && vigil::is_anomaly(similarity)) ...
#ifndef VIGIL_HPP
#define VIGIL_HPP

#include <cstddef>
#include <cstdint>

#include "vigil.h"

namespace vigil {

enum class Status : int {
    Ok = VIGIL_OK,
    NotInitialized = VIGIL_NOT_INITIALIZED,
    LearningInProgress = VIGIL_LEARNING_IN_PROGRESS,
    LearningDone = VIGIL_LEARNING_DONE,
    BadArgument = VIGIL_BAD_ARGUMENT,
    BadKnowledge = VIGIL_BAD_KNOWLEDGE,
};

inline constexpr uint8_t kSimilarityThreshold = VIGIL_SIMILARITY_THRESHOLD;

// Similarity below the threshold (90) means "anomaly".
inline constexpr bool is_anomaly(uint8_t similarity) noexcept {
    return similarity < kSimilarityThreshold;
}

// The library's single detector. Every Detector object talks to the same instance (the
// library holds exactly one); the class only gives the C API a typed, container-friendly face.
class Detector {
public:
    Status init() noexcept { return wrap(vigil_init()); }

    // signal: axes x length floats, interleaved per sample.
    Status learn(const float *signal) noexcept { return wrap(vigil_learn(signal)); }
    Status detect(const float *signal, uint8_t &similarity) noexcept {
        return wrap(vigil_detect(signal, &similarity));
    }

    // Containers with data() and size() (std::array, std::vector, ...): the size is checked
    // against the library's axes x length, BadArgument otherwise.
    template <typename Buffer> Status learn(const Buffer &signal) noexcept {
        return fits(signal.size()) ? learn(signal.data()) : Status::BadArgument;
    }
    template <typename Buffer> Status detect(const Buffer &signal, uint8_t &similarity) noexcept {
        return fits(signal.size()) ? detect(signal.data(), similarity) : Status::BadArgument;
    }

    Status set_sensitivity(float sensitivity) noexcept {
        return wrap(vigil_set_sensitivity(sensitivity));
    }
    float sensitivity() const noexcept { return vigil_get_sensitivity(); }

    std::size_t knowledge_size() const noexcept { return vigil_knowledge_size(); }
    Status save_knowledge(void *buffer, std::size_t size) const noexcept {
        return wrap(vigil_knowledge_save(buffer, size));
    }
    Status load_knowledge(const void *buffer, std::size_t size) noexcept {
        return wrap(vigil_knowledge_load(buffer, size));
    }

    const vigil_info &info() const noexcept { return *vigil_get_info(); }
    // Floats in one signal buffer.
    std::size_t signal_size() const noexcept {
        return static_cast<std::size_t>(info().axes) * info().length;
    }

private:
    static Status wrap(vigil_status s) noexcept { return static_cast<Status>(s); }
    bool fits(std::size_t n) const noexcept { return n == signal_size(); }
};

} // namespace vigil

#endif
