// Placeholder translation unit so the engine library is never empty while features land.
namespace vigil::engine { const char* engine_name() { return "vigil-engine"; } }
