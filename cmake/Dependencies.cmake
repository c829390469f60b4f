# Every dependency is a Debian package, found on the system; nothing is downloaded. Only what
# the parts being built use is looked for: the fuzz targets alone (MBH_BUILD_CLI, _TESTS and
# _BENCH off, as fuzz/build.sh builds them) need neither CLI11, libpcap nor the test
# frameworks, so an image that lacks them (OSS-Fuzz's base-builder) can build them.

# Of Boost only PFR is used, header only: any Boost that has it (1.75 on), or PFR alone.
find_path(MBH_PFR_INCLUDE_DIR boost/pfr.hpp REQUIRED
          DOC "Folder holding boost/pfr.hpp (Boost >= 1.75, or boostorg/pfr alone)")
if(NOT TARGET mbh::pfr)
  add_library(mbh::pfr INTERFACE IMPORTED)
  target_include_directories(mbh::pfr SYSTEM INTERFACE "${MBH_PFR_INCLUDE_DIR}")
endif()

find_package(fmt 9 REQUIRED CONFIG)
find_package(nlohmann_json 3.11 REQUIRED CONFIG)
# The conformance suites generate and shrink their random reads with it: not only the tests'.
find_package(rapidcheck REQUIRED CONFIG)

# libasio-dev ships headers only, with no CMake package: find the header, wrap it.
find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)
if(NOT TARGET asio::asio)
  add_library(asio::asio INTERFACE IMPORTED)
  target_include_directories(asio::asio SYSTEM INTERFACE "${ASIO_INCLUDE_DIR}")
  # Asio picks aligned_alloc/free or operator new/delete for its handler memory by whether a
  # libstdc++ header came before its own in the translation unit: two files that include in
  # another order would allocate one way and free the other (ASan: alloc-dealloc-mismatch).
  # One choice for all.
  target_compile_definitions(asio::asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED
                                                  ASIO_DISABLE_STD_ALIGNED_ALLOC)
  find_package(Threads REQUIRED)
  target_link_libraries(asio::asio INTERFACE Threads::Threads)
endif()

if(MBH_BUILD_CLI)
  find_package(CLI11 REQUIRED CONFIG)
  # libpcap-dev has no CMake package: pkg-config's, as an imported target.
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)
endif()
if(MBH_BUILD_TESTS)
  find_package(GTest REQUIRED CONFIG)
endif()
if(MBH_BUILD_BENCH)
  find_package(benchmark REQUIRED CONFIG)
endif()
