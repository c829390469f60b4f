# Every dependency is a Debian package, found on the system; nothing is downloaded.
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS headers)
find_package(fmt REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(nlohmann_json 3.11 REQUIRED CONFIG)
# libpcap-dev has no CMake package: pkg-config's, as an imported target.
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)

# libasio-dev ships headers only, with no CMake package: find the header, wrap it.
find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)
if(NOT TARGET asio::asio)
  add_library(asio::asio INTERFACE IMPORTED)
  target_include_directories(asio::asio SYSTEM INTERFACE "${ASIO_INCLUDE_DIR}")
  target_compile_definitions(asio::asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED)
  find_package(Threads REQUIRED)
  target_link_libraries(asio::asio INTERFACE Threads::Threads)
endif()

if(MBH_BUILD_TESTS)
  find_package(GTest REQUIRED CONFIG)
  find_package(rapidcheck REQUIRED CONFIG)
endif()
if(MBH_BUILD_BENCH)
  find_package(benchmark REQUIRED CONFIG)
endif()
