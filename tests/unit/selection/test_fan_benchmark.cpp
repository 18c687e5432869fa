// Evaluation speed on the real fan recordings (hidden: run with
//   selection_tests "[.bench]" -s
// ). Prints candidates per second; asserts only on results, never on time.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "vigil/engine/dataset/loader.hpp"
#include "vigil/engine/selection/candidate_space.hpp"
#include "vigil/engine/selection/evaluation.hpp"
#include "vigil/engine/selection/indicators.hpp"
#include "vigil/engine/selection/recipe_json.hpp"

using namespace vigil::engine;
using namespace vigil::engine::selection;

TEST_CASE("fan: candidates per second on 2 threads", "[.bench]") {
    const std::string dir = std::string(VIGIL_SHARED_DATASETS) + "/fan";
    if (!std::filesystem::exists(dir + "/regular.csv")) {
        WARN("fan dataset absent (" << dir << "): skipped");
        return;
    }
    auto load = [&](const std::string& name) {
        auto r = dataset::load_signal_file(dir + "/" + name, 3);
        REQUIRE(r.ok());
        return std::make_shared<const dataset::Dataset>(std::move(r.dataset));
    };
    std::vector<SignalGroup> groups{{"fan", whole_file("regular.csv", load("regular.csv")),
                                     whole_file("abnormal.csv", load("abnormal.csv"))}};
    Evaluator ev(groups, {});
    SpaceOptions o;
    o.axes = 3;
    o.length = 200;
    o.sampling_rate_hz = 200;
    const auto space = build_candidate_space(o);
    const size_t n = space.candidates.size();
    std::vector<Indicators> ind(n);
    std::atomic<size_t> next{0};
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t)
        threads.emplace_back([&] {
            for (size_t i; (i = next++) < n;)
                ind[i] = compute_indicators(ev.evaluate(space.candidates[i].recipe, 0, 1), space.candidates[i].footprint);
        });
    for (auto& th : threads) th.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    size_t best = 0, failed = 0;
    for (size_t i = 0; i < n; ++i) {
        failed += ind[i].failed;
        if (ranks_before(ind[i], space.candidates[i].key, ind[best], space.candidates[best].key)) best = i;
    }
    WARN("fan: " << n << " candidates (" << space.groups.size() << " preprocessings, " << space.filtered_by_ram
                 << " over RAM) in " << seconds << " s on 2 threads = " << n / seconds << " candidates/s; failed "
                 << failed << "; best BA " << ind[best].balanced_accuracy << " confidence " << ind[best].confidence
                 << " RAM " << ind[best].ram_bytes << ": " << recipe_summary(space.candidates[best].recipe));
    CHECK(ind[best].balanced_accuracy > 0.9);
}
