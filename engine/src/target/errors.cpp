#include "vigil/engine/target/errors.hpp"

namespace vigil::engine::target {

const char* to_string(DeviceErrorKind kind) {
    switch (kind) {
        case DeviceErrorKind::no_probe: return "no_probe";
        case DeviceErrorKind::probe_access: return "probe_access";
        case DeviceErrorKind::target_not_responding: return "target_not_responding";
        case DeviceErrorKind::wrong_target: return "wrong_target";
        case DeviceErrorKind::flash_failed: return "flash_failed";
        case DeviceErrorKind::verify_failed: return "verify_failed";
        case DeviceErrorKind::openocd_failed: return "openocd_failed";
        case DeviceErrorKind::timeout: return "timeout";
        case DeviceErrorKind::fault: return "fault";
        case DeviceErrorKind::no_completion: return "no_completion";
        case DeviceErrorKind::protocol: return "protocol";
        case DeviceErrorKind::emulator_failed: return "emulator_failed";
    }
    return "unknown";
}

}  // namespace vigil::engine::target
