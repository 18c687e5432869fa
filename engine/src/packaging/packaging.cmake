# Build-time inputs of `vigil compile` (engine/src/packaging), included by engine/CMakeLists.txt.
#
# 1. packaging_targets.hpp: the compiler flags per (core, float ABI), derived from the ONE table
#    of per-core flags, probes/target/cores.cmake, plus the runtime's own flags
#    (VIGIL_RUNTIME_C_FLAGS). What `vigil compile` runs is what the fidelity suite proves.
# 2. embedded_files.cpp: the runtime sources and headers and the zip templates, embedded in the
#    engine so a compiled library never depends on where the source tree is at run time; the
#    board catalog and the target test firmware's sources likewise.
include(${PROJECT_SOURCE_DIR}/probes/target/cores.cmake)

set(_pkg_dir ${CMAKE_CURRENT_LIST_DIR})
set(_pkg_gen ${CMAKE_CURRENT_BINARY_DIR}/packaging_generated)

# --- per-core flags -------------------------------------------------------------------------
# Why these variants: cores.cmake names the hard-float build of each core that has an FPU; the
# soft-float build of the same core is that line without -mfpu and with -mfloat-abi=soft (the
# rule cores.cmake itself follows for m4-soft and m7-soft).
set(_pkg_cores cortex-m0:m0 cortex-m0plus:m0plus cortex-m3:m3 cortex-m4:m4 cortex-m7:m7 cortex-m33:m33)
set(_pkg_rows "")
foreach(pair ${_pkg_cores})
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 core)
  list(GET pair 1 variant)
  vigil_core_settings(${variant} flags machine ld arena)
  set(fpu "")
  foreach(f ${flags})
    if(f MATCHES "^-mfpu=(.*)$")
      set(fpu ${CMAKE_MATCH_1})
    endif()
  endforeach()
  set(soft_flags ${flags})
  list(FILTER soft_flags EXCLUDE REGEX "^-mfpu=")
  list(TRANSFORM soft_flags REPLACE "^-mfloat-abi=hard$" "-mfloat-abi=soft")
  list(JOIN soft_flags " " soft_text)
  string(APPEND _pkg_rows "    {\"${core}\", \"soft\", \"\", \"${machine}\", \"${ld}\", \"${soft_text}\"},\n")
  if(fpu)
    list(JOIN flags " " hard_text)
    string(APPEND _pkg_rows "    {\"${core}\", \"hard\", \"${fpu}\", \"${machine}\", \"${ld}\", \"${hard_text}\"},\n")
  endif()
endforeach()
list(JOIN VIGIL_RUNTIME_C_FLAGS "\", \"" _pkg_runtime_flags)
# Same as probes/target/CMakeLists.txt (VIGIL_TARGET_FLAGS): -Os ships, sections per function
# and object so the user's linker keeps only what is called.
set(_pkg_ship_flags "-Os\", \"-ffunction-sections\", \"-fdata-sections")
configure_file(${_pkg_dir}/packaging_targets.hpp.in ${_pkg_gen}/packaging_targets.hpp @ONLY)

# --- embedded files ---------------------------------------------------------------------------
file(GLOB _pkg_runtime_headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/device_runtime/include/*.h
     ${PROJECT_SOURCE_DIR}/device_runtime/include/*.hpp)
file(GLOB _pkg_runtime_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/device_runtime/src/*.c
     ${PROJECT_SOURCE_DIR}/device_runtime/src/*.h)
file(GLOB _pkg_templates CONFIGURE_DEPENDS ${_pkg_dir}/templates/*)
# The board catalog too, so an installed vigil or vigild (the .vsix carries vigild alone) lists
# the boards it was built with, wherever the source tree is.
file(GLOB _pkg_boards CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/probes/boards/*.json)
# The target test firmware (engine/src/target, `vigil target test`): its main, the startup code
# and the shared section layout, built per board wherever vigil runs.
set(_pkg_target_files ${PROJECT_SOURCE_DIR}/probes/target_test/target_test.c
    ${PROJECT_SOURCE_DIR}/probes/startup/startup.c ${PROJECT_SOURCE_DIR}/probes/ld/sections.ld)
set(_pkg_embed_args "")
foreach(f ${_pkg_runtime_headers})
  get_filename_component(n ${f} NAME)
  list(APPEND _pkg_embed_args "runtime/include/${n}=${f}")
endforeach()
foreach(f ${_pkg_runtime_sources})
  get_filename_component(n ${f} NAME)
  list(APPEND _pkg_embed_args "runtime/src/${n}=${f}")
endforeach()
foreach(f ${_pkg_templates})
  get_filename_component(n ${f} NAME)
  list(APPEND _pkg_embed_args "templates/${n}=${f}")
endforeach()
foreach(f ${_pkg_boards})
  get_filename_component(n ${f} NAME)
  list(APPEND _pkg_embed_args "boards/${n}=${f}")
endforeach()
foreach(f ${_pkg_target_files})
  get_filename_component(n ${f} NAME)
  list(APPEND _pkg_embed_args "target/${n}=${f}")
endforeach()
list(JOIN _pkg_embed_args "|" _pkg_embed_list)
add_custom_command(
  OUTPUT ${_pkg_gen}/embedded_files.cpp
  COMMAND ${CMAKE_COMMAND} "-DFILES=${_pkg_embed_list}" -DOUT=${_pkg_gen}/embedded_files.cpp
          -P ${_pkg_dir}/embed_files.cmake
  DEPENDS ${_pkg_runtime_headers} ${_pkg_runtime_sources} ${_pkg_templates} ${_pkg_boards} ${_pkg_target_files}
          ${_pkg_dir}/embed_files.cmake
  COMMENT "Embedding the runtime sources, library templates, board catalog and target test firmware"
  VERBATIM)

target_sources(vigil_engine PRIVATE ${_pkg_gen}/embedded_files.cpp)
target_include_directories(vigil_engine PRIVATE ${_pkg_gen})

# The zip writer deflates with Debian's zlib (zlib1g-dev).
find_package(ZLIB REQUIRED)
target_link_libraries(vigil_engine PRIVATE ZLIB::ZLIB)
