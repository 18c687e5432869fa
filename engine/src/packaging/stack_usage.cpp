#include "vigil/engine/packaging/stack_usage.hpp"

#include <functional>
#include <regex>
#include <set>
#include <sstream>

namespace vigil::engine::packaging {

namespace {

struct Function {
    uint32_t frame = 0;
    std::set<std::string> callees;
    bool indirect = false;
    std::string unbounded;  // why its frame cannot be bounded ("" if it can)
};

// Bytes a register list pushes: "r4, r5, lr" (4 each), "d8-d9" (8 each), "s16-s31" (4 each).
uint32_t list_bytes(const std::string& list) {
    uint32_t bytes = 0;
    std::stringstream items(list);
    std::string item;
    while (std::getline(items, item, ',')) {
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (item.empty()) continue;
        const uint32_t size = item[0] == 'd' ? 8 : 4;
        const size_t dash = item.find('-');
        uint32_t count = 1;
        if (dash != std::string::npos) {
            const int first = std::stoi(item.substr(1, dash - 1)), last = std::stoi(item.substr(dash + 2));
            count = static_cast<uint32_t>(last - first + 1);
        }
        bytes += size * count;
    }
    return bytes;
}

}  // namespace

std::map<std::string, uint32_t> stack_usage(const std::string& disassembly, const std::string& data_dump,
                                            const std::vector<std::string>& roots) {
    static const std::regex header(R"(^([0-9a-f]+) <([^>]+)>:\s*$)");
    static const std::regex insn(R"(^\s+([0-9a-f]+):\s+(\S+)\s*(.*)$)");
    static const std::regex reglist(R"(\{([^}]*)\})");
    static const std::regex sub_imm(R"(^sp,\s*(sp,\s*)?#(\d+))");
    static const std::regex sp_by_reg(R"(^sp,\s*(sp,\s*)?(r\d+|ip|fp|sl|lr))");
    static const std::regex pre_index(R"(\[sp,\s*#-(\d+)\]!)");
    static const std::regex target(R"(<([^>+]+)(\+0x[0-9a-f]+)?>)");
    static const std::regex branch(
        R"(^(bl|blx|bx|b|b(eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al|hs|lo)|cbz|cbnz)(\.n|\.w)?$)");
    static const std::regex reg_only(R"(^(r\d+|ip|fp|sl)$)");

    std::map<std::string, Function> functions;
    std::map<uint32_t, std::string> starts;
    std::string current;
    std::stringstream lines(disassembly);
    std::string line;
    std::smatch m;
    while (std::getline(lines, line)) {
        if (std::regex_match(line, m, header)) {
            current = m[2];
            functions[current];
            starts[static_cast<uint32_t>(std::stoul(m[1], nullptr, 16))] = current;
            continue;
        }
        if (current.empty() || !std::regex_match(line, m, insn)) continue;
        const std::string op = m[2];
        std::string args = m[3];
        args = args.substr(0, args.find('@'));  // objdump's comments ("@ 0x1f4")
        args.erase(args.find_last_not_of(" \t") + 1);
        Function& f = functions[current];
        const bool sp_store_multiple = (op.rfind("stmdb", 0) == 0 || op.rfind("vstmdb", 0) == 0 ||
                                        op.rfind("stmfd", 0) == 0) && args.rfind("sp!", 0) == 0;
        std::smatch a;
        if (op == "push" || op == "push.w" || op == "vpush" || op == "vpush.w" || sp_store_multiple) {
            if (std::regex_search(args, a, reglist)) f.frame += list_bytes(a[1]);
        } else if ((op == "sub" || op == "sub.w" || op == "subw" || op == "subs") && std::regex_search(args, a, sub_imm)) {
            f.frame += static_cast<uint32_t>(std::stoul(a[2]));
        } else if ((op.rfind("sub", 0) == 0 || op.rfind("add", 0) == 0) && std::regex_search(args, a, sp_by_reg)) {
            if (f.unbounded.empty()) f.unbounded = "moves the stack pointer by a register (" + op + " " + args + ")";
        } else if (op.rfind("str", 0) == 0 && std::regex_search(args, a, pre_index)) {
            f.frame += static_cast<uint32_t>(std::stoul(a[1]));
        }
        if (std::regex_match(op, branch)) {
            if (std::regex_search(args, a, target)) {
                if (a[1] != current) f.callees.insert(a[1]);
            } else if ((op == "blx" || op == "bx") && std::regex_match(args, reg_only)) {
                f.indirect = true;
            }
        }
    }

    // Functions whose address is stored in data: the possible targets of an indirect call.
    std::set<std::string> address_taken;
    static const std::regex dump_line(R"(^ ([0-9a-f]+) ((?:[0-9a-f]{2,8} ?){1,4}))");
    std::stringstream dump(data_dump);
    while (std::getline(dump, line)) {
        if (!std::regex_search(line, m, dump_line)) continue;
        std::stringstream words(m[2].str());
        std::string w;
        while (words >> w) {
            if (w.size() != 8) continue;
            uint32_t v = 0;
            for (int byte = 3; byte >= 0; --byte) v = (v << 8) | static_cast<uint32_t>(std::stoul(w.substr(2 * byte, 2), nullptr, 16));
            if ((v & 1u) == 0u) continue;
            auto it = starts.find(v & ~1u);
            if (it != starts.end()) address_taken.insert(it->second);
        }
    }

    std::map<std::string, uint32_t> memo;
    std::vector<std::string> path;
    std::function<uint32_t(const std::string&)> depth = [&](const std::string& name) -> uint32_t {
        if (auto it = memo.find(name); it != memo.end()) return it->second;
        auto it = functions.find(name);
        if (it == functions.end()) return 0;  // not code of this program (cannot happen for a symbol objdump names)
        for (const auto& p : path)
            if (p == name) {
                std::string cycle;
                for (const auto& q : path) cycle += q + " -> ";
                throw StackUsageError("recursive call, the stack cannot be bounded: " + cycle + name);
            }
        const Function& f = it->second;
        if (!f.unbounded.empty()) throw StackUsageError(name + " " + f.unbounded + ": the stack cannot be bounded");
        path.push_back(name);
        uint32_t deepest = 0;
        for (const auto& c : f.callees) deepest = std::max(deepest, depth(c));
        if (f.indirect)
            for (const auto& c : address_taken) deepest = std::max(deepest, depth(c));
        path.pop_back();
        return memo[name] = f.frame + deepest;
    };

    std::map<std::string, uint32_t> out;
    for (const auto& root : roots) {
        if (!functions.count(root)) throw StackUsageError("no function " + root + " in the program");
        out[root] = depth(root);
    }
    return out;
}

}  // namespace vigil::engine::packaging
