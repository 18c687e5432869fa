# Warnings are errors on our own code only (never on third-party headers).
function(vigil_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()

# The device runtime must build warning-free for every Cortex-M core and bit-exactly agree
# with the host: no FMA contraction, no fast-math, no implicit double.
set(VIGIL_RUNTIME_C_FLAGS
    -std=c99 -Wall -Wextra -Wpedantic -Wdouble-promotion -Wconversion -Werror
    -ffp-contract=off -fno-fast-math)
