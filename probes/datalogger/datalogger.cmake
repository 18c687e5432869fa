# The data logger (probes/datalogger/README.md), included by probes/target/CMakeLists.txt: one
# build per core variant with that variant's flags, startup and linker script, like the other
# firmwares, each sending one signal per line unless said otherwise:
#   datalogger.elf          healthy for 64 signals, then the fault in one signal in 5 (the default)
#   datalogger_samples.elf  the same, one sample per line
#   datalogger_healthy.elf  never a fault: for recording a file of regular signals
#   datalogger_faulty.elf   the fault in every signal: for recording a file of abnormal signals
# The UART driver follows the variant's QEMU machine.
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
vigil_firmware(datalogger_healthy SOURCES ${DATALOGGER_SOURCES}
               DEFINES DATALOGGER_FAULT_ONE_IN=0u ${DATALOGGER_UART_DEFINES})
vigil_firmware(datalogger_faulty SOURCES ${DATALOGGER_SOURCES}
               DEFINES DATALOGGER_HEALTHY_SIGNALS=0u DATALOGGER_FAULT_ONE_IN=1u ${DATALOGGER_UART_DEFINES})
