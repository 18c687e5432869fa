#include "vigil/engine/target/openocd_log.hpp"

#include <regex>
#include <vector>

namespace vigil::engine::target {

namespace {

std::vector<std::string_view> lines_of(std::string_view log) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    while (pos < log.size()) {
        size_t end = log.find('\n', pos);
        if (end == std::string_view::npos) end = log.size();
        std::string_view line = log.substr(pos, end - pos);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        out.push_back(line);
        pos = end + 1;
    }
    return out;
}

struct Rule {
    DeviceErrorKind kind;
    // A line matches when it holds every string of one of these groups (case-sensitive).
    std::vector<std::vector<std::string_view>> needles;
    const char* summary;
    const char* advice;
};

// Ordered from the most specific to the most general: the first rule with a matching line
// wins, whatever the order of lines in the log (a refused USB permission also ends in
// "open failed"; a missing config file makes everything after it meaningless).
const std::vector<Rule>& rules() {
    static const std::vector<Rule> r = {
        {DeviceErrorKind::openocd_failed,
         {{"Can't find ", ".cfg"}, {"couldn't open ", ".cfg"}},
         "OpenOCD cannot find a configuration file the board names",
         "install OpenOCD 0.12 with its scripts (Debian's openocd package; scripts/setup installs it), "
         "or correct the board's \"openocd\" entry in the catalog"},
        {DeviceErrorKind::probe_access,
         {{"LIBUSB_ERROR_ACCESS"}, {"could not claim interface"}, {"Permission denied"}},
         "a debug probe is connected but this user may not open it",
         "install the udev rules of Debian's openocd package (/usr/lib/udev/rules.d/60-openocd.rules: "
         "`sudo udevadm control --reload-rules && sudo udevadm trigger`), make sure your user is in the "
         "plugdev group, then unplug and replug the board (docs/targets.md)"},
        {DeviceErrorKind::no_probe,
         {{"Error: open failed"}, {"ST-LINK open failed"}, {"No J-Link device found"},
          {"unable to find a matching CMSIS-DAP device"}, {"Can't find a KitProg device"},
          {"Can't find USB JTAG Interface"}, {"unable to open ftdi device"}},
         "no debug probe found",
         "connect the board's debug USB port (the ST-LINK connector on a NUCLEO board) to this machine, "
         "check that `lsusb` lists the probe (ST-LINK: ID 0483:374b, 0483:374e or 0483:374f), and close any "
         "other program using it (another OpenOCD, STM32CubeProgrammer)"},
        {DeviceErrorKind::wrong_target,
         {{"UNEXPECTED idcode"}, {"Cannot identify target as"}, {"expected 1 of 1"}},
         "the microcontroller is not the one this board's OpenOCD configuration expects",
         "check that --board names the board that is connected (vigil boards lists them); a different board "
         "needs its own catalog entry"},
        {DeviceErrorKind::target_not_responding,
         {{"init mode failed (unable to connect to the target)"}, {"target voltage may be too low"},
          {"Target voltage too low"}, {"Error connecting DP"}, {"Could not initialize the debug port"},
          {"Target not examined yet"}, {"** Unable to reset target **"}, {"timed out while waiting for target halted"},
          {"jtag status contains invalid mode value"}, {"Invalid ACK"}, {"JTAG-DP STICKY ERROR"},
          {"double-check your JTAG setup"}},
         "the probe answers but the microcontroller does not",
         "check that the board is powered and the probe is wired to the chip (on a NUCLEO board: both CN2 "
         "jumpers on), hold RESET while OpenOCD starts if the firmware on the chip puts it to sleep or turns "
         "its debug pins off, then try again"},
        {DeviceErrorKind::verify_failed,
         {{"** Verify Failed **"}, {"Verification error"}, {"diff ", " address 0x", " instead of 0x"}},
         "the flash does not hold the image after writing it (verify failed)",
         "the flash may be write-protected (for STM32F4: `openocd -f <board.cfg> -c init -c \"reset halt\" "
         "-c \"stm32f4x unlock 0\" -c shutdown`, then power-cycle the board), or the image overlaps memory that "
         "is not flash; flash again and check the addresses of the image"},
        {DeviceErrorKind::flash_failed,
         {{"** Programming Failed **"}, {"error writing to flash"}, {"failed erasing sectors"}, {"flash write failed"}},
         "writing the flash failed",
         "check that the image fits the board's flash and starts at its flash address, and that the flash is not "
         "write-protected; try again after power-cycling the board"},
    };
    return r;
}

}  // namespace

std::optional<OpenOcdDiagnosis> diagnose_openocd_log(std::string_view log) {
    const auto lines = lines_of(log);
    for (const auto& rule : rules()) {
        for (auto line : lines) {
            for (const auto& group : rule.needles) {
                bool all = true;
                for (auto needle : group) all = all && line.find(needle) != std::string_view::npos;
                if (!all) continue;
                OpenOcdDiagnosis d;
                d.kind = rule.kind;
                d.evidence = std::string(line);
                d.summary = rule.summary;
                d.advice = rule.advice;
                return d;
            }
        }
    }
    return std::nullopt;
}

std::optional<uint16_t> tcl_port_from_log(std::string_view log) {
    static const std::regex re(R"(Listening on port (\d+) for tcl connections)");
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_search(log.begin(), log.end(), m, re)) return std::nullopt;
    const unsigned long port = std::stoul(m[1].str());
    if (port == 0 || port > 65535) return std::nullopt;
    return static_cast<uint16_t>(port);
}

std::string openocd_error_lines(std::string_view log) {
    std::string out;
    for (auto line : lines_of(log))
        if (line.starts_with("Error:") || line.starts_with("** ")) out += std::string(line) + "\n";
    return out;
}

std::string log_tail(std::string_view log, size_t max_lines) {
    auto lines = lines_of(log);
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    const size_t from = lines.size() > max_lines ? lines.size() - max_lines : 0;
    std::string out;
    for (size_t i = from; i < lines.size(); ++i) out += std::string(lines[i]) + "\n";
    return out;
}

}  // namespace vigil::engine::target
