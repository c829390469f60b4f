# Warning flags for the project's own targets (dependencies come in as system headers).
add_library(mbh_warnings INTERFACE)
target_compile_options(mbh_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast
  -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough -Wundef)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(mbh_warnings INTERFACE -Wduplicated-cond -Wlogical-op -Wuseless-cast)
endif()
