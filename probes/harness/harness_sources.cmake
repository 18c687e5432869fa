# Harness sources shared by the host build (probes/CMakeLists.txt) and the firmware
# (probes/target/CMakeLists.txt); only the entry point differs.
set(VIGIL_HARNESS_COMMON_SOURCES ${CMAKE_CURRENT_LIST_DIR}/harness.c ${CMAKE_CURRENT_LIST_DIR}/harness_mark.c)
set(VIGIL_HARNESS_SOURCES ${VIGIL_HARNESS_COMMON_SOURCES} ${CMAKE_CURRENT_LIST_DIR}/harness_main_target.c)
set(VIGIL_HARNESS_HOST_SOURCES ${VIGIL_HARNESS_COMMON_SOURCES} ${CMAKE_CURRENT_LIST_DIR}/harness_main_host.c)
