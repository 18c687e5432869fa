// vigil_make_jobs RECIPES.txt JOB.bin NAMES.txt [RECIPES.h]
// Turns a recipe list into a harness job file (+ one job name per line, for reports) and
// optionally a C header with each recipe as a const struct (the benchmark's flash probes).
#include <fstream>
#include <iostream>
#include <sstream>

#include "job_writer.hpp"

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) {
        std::cerr << "usage: vigil_make_jobs RECIPES.txt JOB.bin NAMES.txt [RECIPES.h]\n";
        return 2;
    }
    try {
        std::ifstream in(argv[1]);
        if (!in) throw std::runtime_error(std::string(argv[1]) + ": cannot open");
        std::stringstream text;
        text << in.rdbuf();
        auto jobs = vigil::fidelity::parse_job_specs(text.str(), argv[1]);
        auto bytes = vigil::fidelity::build_job_file(jobs);
        // Write to a temporary name and rename: nothing half-written on failure.
        std::string tmp = std::string(argv[2]) + ".tmp";
        std::ofstream out(tmp, std::ios::binary);
        out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        std::ofstream names(argv[3]);
        for (const auto &j : jobs) names << j.name << '\n';
        if (!out.flush() || !names.flush()) throw std::runtime_error(std::string(argv[2]) + ": write failed");
        out.close();
        if (argc == 5) {
            std::ofstream header(argv[4]);
            header << vigil::fidelity::recipes_c_header(jobs);
            if (!header.flush()) throw std::runtime_error(std::string(argv[4]) + ": write failed");
        }
        if (std::rename(tmp.c_str(), argv[2]) != 0) throw std::runtime_error(std::string(argv[2]) + ": rename failed");
    } catch (const std::exception &e) {
        std::cerr << "vigil_make_jobs: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
