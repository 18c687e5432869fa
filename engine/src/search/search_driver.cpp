#include "search_driver.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "vigil/engine/search/stats_json.hpp"
#include "vigil/engine/selection/recipe_json.hpp"

namespace vigil::engine::search {

namespace sel = vigil::engine::selection;
using Clock = std::chrono::steady_clock;

SearchDriver::SearchDriver(const sel::Evaluator& evaluator, std::vector<const sel::Candidate*> candidates,
                           const ScheduleOptions& schedule, project::BenchmarkStore& store, int64_t benchmark)
    : evaluator_(evaluator), candidates_(std::move(candidates)), store_(store), benchmark_(benchmark),
      started_(Clock::now()) {
    for (uint32_t i = 0; i < candidates_.size(); ++i) index_of_key_.emplace(candidates_[i]->key, i);
    stages_ = plan_stages(candidates_.size(), schedule);
    results_.resize(stages_.size());
}

void SearchDriver::preload(const std::vector<project::CandidateRecord>& records) {
    for (const auto& r : records) {
        const auto it = index_of_key_.find(r.key);
        if (it == index_of_key_.end() || r.stage >= stages_.size()) continue;
        Evaluated e;
        e.stats = stats_from_json(nlohmann::json::parse(r.stats_json));
        // Indicators are recomputed from the statistics with today's formula: bit-identical
        // to what an uninterrupted run computes.
        e.indicators = sel::compute_indicators(e.stats, candidates_[it->second]->footprint);
        results_[r.stage][it->second] = std::move(e);
        note_result(r.stage, it->second);
    }
}

double SearchDriver::elapsed_s() const {
    return std::chrono::duration<double>(Clock::now() - started_).count();
}

bool SearchDriver::better(uint32_t stage_a, uint32_t a, uint32_t stage_b, uint32_t b) const {
    if (stage_a != stage_b) return stage_a > stage_b;
    return sel::ranks_before(results_[stage_a].at(a).indicators, candidates_[a]->key,
                             results_[stage_b].at(b).indicators, candidates_[b]->key);
}

void SearchDriver::note_result(uint32_t stage, uint32_t candidate) {
    if (best_ && !better(stage, candidate, best_->first, best_->second)) return;
    best_ = {stage, candidate};
    evolution_.push_back({elapsed_s(), evaluated(), candidates_[candidate]->key, results_[stage].at(candidate).indicators});
}

std::vector<uint32_t> SearchDriver::survivors(uint32_t stage) const {
    std::vector<uint32_t> members;
    for (const auto& [i, _] : results_[stage]) members.push_back(i);
    std::sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) { return better(stage, a, stage, b); });
    members.resize(std::min(members.size(), stages_[stage + 1].candidates));
    // Back to space order: neighbours share a preprocessing, so the feature cache stays warm.
    std::sort(members.begin(), members.end());
    return members;
}

bool SearchDriver::run(const RunControl& control) {
    started_ = Clock::now();
    jobs_ = std::max(1u, control.jobs);
    if (control.on_progress) control.on_progress(event(ProgressEvent::Kind::begin, 0));
    std::vector<uint32_t> members(candidates_.size());
    for (uint32_t i = 0; i < members.size(); ++i) members[i] = i;
    for (uint32_t s = 0; s < stages_.size(); ++s) {
        if (s > 0) members = survivors(s - 1);
        if (!run_stage(s, members, control)) return false;
    }
    return true;
}

void SearchDriver::flush(std::vector<project::CandidateRecord>& batch) {
    store_.insert_candidates(benchmark_, batch);
    batch.clear();
}

bool SearchDriver::run_stage(uint32_t stage, const std::vector<uint32_t>& members, const RunControl& control) {
    const Stage& plan = stages_[stage];
    std::vector<uint32_t> todo;
    for (uint32_t i : members)
        if (!results_[stage].count(i)) todo.push_back(i);
    if (todo.empty()) return true;

    struct Done {
        uint32_t candidate;
        Evaluated result;
    };
    std::mutex mutex;
    std::condition_variable wake;
    std::vector<Done> pending;
    std::atomic<size_t> next{0};
    std::atomic<bool> stopping{false};
    std::exception_ptr error;
    size_t running = 0;

    auto worker = [&] {
        for (;;) {
            if (stopping.load()) break;
            const size_t k = next.fetch_add(1);
            if (k >= todo.size()) break;
            const uint32_t i = todo[k];
            try {
                Done d{i, {}};
                if (stage > 0) d.result.stats = results_[stage - 1].at(i).stats;  // read-only during the stage
                d.result.stats.merge(evaluator_.evaluate(candidates_[i]->recipe, plan.first_split,
                                                         plan.total_splits - plan.first_split));
                d.result.indicators = sel::compute_indicators(d.result.stats, candidates_[i]->footprint);
                std::lock_guard lock(mutex);
                pending.push_back(std::move(d));
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
                stopping = true;
            }
            wake.notify_one();
        }
        std::lock_guard lock(mutex);
        --running;
        wake.notify_one();
    };

    const unsigned threads = unsigned(std::min<size_t>(jobs_, todo.size()));
    running = threads;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);

    // The calling thread checkpoints, tracks the best and reports progress, so workers never
    // wait for SQLite.
    std::vector<project::CandidateRecord> batch;
    auto last_flush = Clock::now();
    const auto interval = std::chrono::duration<double>(control.checkpoint_interval_s);
    bool stopped = false;
    for (;;) {
        std::vector<Done> arrived;
        bool all_done;
        {
            std::unique_lock lock(mutex);
            wake.wait_for(lock, std::chrono::milliseconds(50), [&] { return running == 0 || !pending.empty(); });
            arrived.swap(pending);
            all_done = running == 0;
        }
        for (auto& d : arrived) {
            const auto* c = candidates_[d.candidate];
            project::CandidateRecord r;
            r.key = c->key;
            r.stage = stage;
            r.recipe.resize(VIGIL_RECIPE_ENCODED_SIZE);
            vigil_recipe_encode(&c->recipe, r.recipe.data());
            r.balanced_accuracy = d.result.indicators.balanced_accuracy;
            r.confidence = d.result.indicators.confidence;
            r.ram_bytes = int64_t(c->footprint.ram_bytes);
            r.flash_bytes = int64_t(c->footprint.flash_bytes);
            r.instructions_per_detect = int64_t(c->footprint.instructions_per_detect + 0.5);
            r.stats_json = stats_to_json(d.result.stats).dump();
            batch.push_back(std::move(r));
            results_[stage][d.candidate] = std::move(d.result);
            ++session_evaluated_;
            note_result(stage, d.candidate);
        }
        const bool stop_requested = (control.stop && control.stop->load()) ||
                                    (control.time_limit_s && elapsed_s() >= *control.time_limit_s);
        if (stop_requested && !stopping.load()) {
            stopping = true;
            stopped = true;
        }
        if (!batch.empty() && (all_done || stopping.load() || Clock::now() - last_flush >= interval)) {
            flush(batch);
            last_flush = Clock::now();
        }
        if (!arrived.empty() && control.on_progress) control.on_progress(event(ProgressEvent::Kind::report, stage));
        if (all_done) break;
    }
    for (auto& t : pool) t.join();
    if (!batch.empty()) flush(batch);
    if (error) std::rethrow_exception(error);
    return !stopped && results_[stage].size() >= members.size();
}

std::vector<Ranked> SearchDriver::ranking() const {
    std::vector<Ranked> out;
    std::vector<bool> seen(candidates_.size(), false);
    for (uint32_t s = uint32_t(results_.size()); s-- > 0;) {
        for (const auto& [i, r] : results_[s]) {
            if (seen[i]) continue;
            seen[i] = true;
            out.push_back({i, s, &r});
        }
    }
    std::sort(out.begin(), out.end(), [&](const Ranked& a, const Ranked& b) {
        return better(a.stage, a.candidate, b.stage, b.candidate);
    });
    // Then the tie rule: the leader's statistical ties, smallest library first.
    std::vector<const sel::Indicators*> indicators;
    std::vector<uint32_t> stages;
    for (const auto& r : out) {
        indicators.push_back(&r.result->indicators);
        stages.push_back(r.stage);
    }
    size_t tied = 0;
    std::vector<Ranked> presented;
    for (size_t i : sel::order_with_ties(indicators, stages, &tied)) presented.push_back(out[i]);
    for (size_t i = 0; i < tied; ++i) presented[i].tied_with_best = true;
    return presented;
}

std::vector<size_t> SearchDriver::evaluated_per_stage() const {
    std::vector<size_t> out;
    for (const auto& r : results_) out.push_back(r.size());
    return out;
}

size_t SearchDriver::evaluated() const {
    size_t n = 0;
    for (const auto& r : results_) n += r.size();
    return n;
}

ProgressEvent SearchDriver::event(ProgressEvent::Kind kind, uint32_t stage) const {
    ProgressEvent e;
    e.kind = kind;
    e.benchmark = benchmark_;
    e.stage = stage;
    e.stages = uint32_t(stages_.size());
    e.evaluated = evaluated();
    e.total = planned_evaluations(stages_);
    e.jobs = jobs_;
    e.elapsed_s = elapsed_s();
    e.state = "running";
    if (session_evaluated_ > 0 && e.elapsed_s > 0) {
        const double rate = double(session_evaluated_) / e.elapsed_s;
        e.per_job_per_s = rate / jobs_;
        e.eta_s = double(e.total > e.evaluated ? e.total - e.evaluated : 0) / rate;
    }
    if (best_) {
        const auto* c = candidates_[best_->second];
        e.best = BestSoFar{c->key, sel::recipe_summary(c->recipe), best_->first,
                           results_[best_->first].at(best_->second).indicators};
    }
    return e;
}

}  // namespace vigil::engine::search
