# The data logger (probes/datalogger/README.md), included by probes/target/CMakeLists.txt: one
# build per core variant with that variant's flags, startup and linker script, like the other
# firmwares. datalogger.elf sends one signal per line, datalogger_samples.elf one sample per
# line. The UART driver follows the variant's QEMU machine.
set(DATALOGGER_DIR ${PROBES_DIR}/datalogger)
set(DATALOGGER_UART_DEFINES "")
if(VIGIL_MACHINE STREQUAL "microbit")
  set(DATALOGGER_UART ${DATALOGGER_DIR}/uart_nrf51.c)
elseif(VIGIL_MACHINE STREQUAL "mps2-an505")
  # The IoT kit's UART0 through its secure alias (the firmware runs in the secure state).
  set(DATALOGGER_UART ${DATALOGGER_DIR}/uart_cmsdk.c)
  set(DATALOGGER_UART_DEFINES DATALOGGER_UART_BASE=0x50200000u DATALOGGER_UART_CLOCK_HZ=20000000u)
else()
  set(DATALOGGER_UART ${DATALOGGER_DIR}/uart_cmsdk.c)
endif()
set(DATALOGGER_SOURCES ${DATALOGGER_DIR}/datalogger.c ${DATALOGGER_DIR}/vibration.c
                       ${DATALOGGER_DIR}/line_writer.c ${DATALOGGER_UART})
vigil_firmware(datalogger SOURCES ${DATALOGGER_SOURCES} DEFINES ${DATALOGGER_UART_DEFINES})
vigil_firmware(datalogger_samples SOURCES ${DATALOGGER_SOURCES}
               DEFINES DATALOGGER_SAMPLE_PER_LINE=1 ${DATALOGGER_UART_DEFINES})
