#include "vigil/engine/emulation/port_emulation.hpp"

#include <stdexcept>
#include <string>

namespace vigil::engine::emulation {

record::RecordSummary emulate_from_port(EmulatorSession& session, const PortEmulationOptions& options,
                                        const PortResultFn& on_result, const record::EventFn& on_event,
                                        util::CancelFlag cancel) {
    const vigil_recipe& recipe = session.recipe();
    const uint64_t learn_calls = session.learn_count() + options.learn_signals;
    if (learn_calls < recipe.min_learn)
        throw std::invalid_argument("the library needs " + std::to_string(recipe.min_learn) +
                                    " learn calls before it can detect; it has " +
                                    std::to_string(session.learn_count()) + " and would learn " +
                                    std::to_string(options.learn_signals) + " signals from the port");
    record::StreamOptions stream = options.stream;
    stream.axes = recipe.axes;
    stream.length = recipe.length;
    stream.check_signals = false;
    stream.max_signals = options.detect_signals == 0 ? 0 : options.learn_signals + options.detect_signals;

    uint64_t learned = 0;
    dataset::Dataset one;
    one.signals = 1;
    one.axes = recipe.axes;
    one.length = recipe.length;
    one.source_lines = {0};
    return record::stream_signals(
        stream,
        [&](const record::AssembledSignal& s, const record::Counters&) {
            one.data = s.values;
            one.source_lines[0] = s.first_line;
            PortResult r;
            r.first_line = s.first_line;
            r.last_line = s.last_line;
            if (learned < options.learn_signals) {
                session.learn(one, stream.port);
                ++learned;
                r.learned = true;
            } else {
                r.detection = session.detect(one, stream.port).front();
            }
            r.learn_count = session.learn_count();
            if (on_result) on_result(r);
        },
        on_event, cancel);
}

}  // namespace vigil::engine::emulation
