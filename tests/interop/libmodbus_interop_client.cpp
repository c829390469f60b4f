// Interoperability client: drives the bundled simulator with libmodbus, an independent Modbus TCP
// master. For every map file given (the output of `mbharness maps NAME --json`), on the map's
// default unit id:
//   - reads every block of every space (FC 03 / FC 04), at most 125 registers a read, splitting
//     blocks only at row boundaries;
//   - writes back every `rw` row of class `setting` with the value just read (FC 16 for
//     multi-register rows, FC 06 for single ones; Enapter configuration registers, holding 4002
//     and up, inside Configuration Begin / Commit), then reads it back and compares;
//   - checks that reads in a gap, past the last block, across two adjacent blocks, or splitting a
//     multi-register row fail with exception 02 (errno EMBXILADD).
// Usage: libmodbus_interop_client HOST PORT MAP.json...
// Exit status: 0 when every check passed, 1 on any failure, 2 on a usage or setup error.

#include <modbus.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

constexpr int max_read_quantity = 125;
constexpr int enapter_begin = 4000;
constexpr int enapter_commit = 4001;
constexpr int enapter_config_first = 4002;

struct Row {
  std::string space;
  int address = 0;
  int registers = 0;
  std::string name;
  std::string access;
  std::string safety;
};

struct Block {
  std::string space;
  int first = 0;
  int last = 0;
  std::string name;
};

struct Counters {
  int reads = 0;
  int registers_read = 0;
  int writes = 0;
  int write_checks = 0;
  int negative_checks = 0;
  int failures = 0;
};

struct Chunk {
  int first = 0;
  int count = 0;
};

class Session {
 public:
  Session(modbus_t* ctx, std::string map_id, Counters& counters)
      : ctx_(ctx), map_id_(std::move(map_id)), counters_(counters) {}

  // Reads `count` registers at `address` of `space`; true on success.
  bool read(const std::string& space, int address, int count, std::vector<std::uint16_t>& out) {
    out.assign(static_cast<std::size_t>(count), 0);
    int const got = space == "input" ? modbus_read_input_registers(ctx_, address, count, out.data())
                                     : modbus_read_registers(ctx_, address, count, out.data());
    ++counters_.reads;
    if (got != count) {
      fail("read " + space + " " + std::to_string(address) + " x" + std::to_string(count) + ": " +
           (got < 0 ? std::string(modbus_strerror(errno)) : "short answer"));
      return false;
    }
    counters_.registers_read += count;
    return true;
  }

  // A read that must fail with exception 02 (illegal data address).
  void expect_illegal_address(const std::string& space, int address, int count,
                              const std::string& what) {
    std::vector<std::uint16_t> out(static_cast<std::size_t>(count), 0);
    int const got = space == "input" ? modbus_read_input_registers(ctx_, address, count, out.data())
                                     : modbus_read_registers(ctx_, address, count, out.data());
    ++counters_.negative_checks;
    int const error = errno;
    if (got >= 0) {
      fail(what + ": read " + space + " " + std::to_string(address) + " x" + std::to_string(count) +
           " succeeded, expected exception 02");
    } else if (error != EMBXILADD) {
      fail(what + ": read " + space + " " + std::to_string(address) + " x" + std::to_string(count) +
           ": " + modbus_strerror(error) + ", expected exception 02");
    }
  }

  bool write(const Row& row, const std::vector<std::uint16_t>& values) {
    ++counters_.writes;
    int const done = row.registers == 1
                         ? modbus_write_register(ctx_, row.address, values.front())
                         : modbus_write_registers(ctx_, row.address, row.registers, values.data());
    if (done != row.registers) {  // FC 06 answers 1, FC 16 the quantity written
      fail("write " + row.name + " @" + std::to_string(row.address) + " (" +
           (row.registers == 1 ? "FC06" : "FC16") + "): " + modbus_strerror(errno));
      return false;
    }
    return true;
  }

  bool command(int address, const std::string& name) {
    ++counters_.writes;
    if (modbus_write_register(ctx_, address, 1) != 1) {
      fail("write 1 to " + name + " @" + std::to_string(address) + ": " + modbus_strerror(errno));
      return false;
    }
    return true;
  }

  void fail(const std::string& message) {
    ++counters_.failures;
    std::cerr << "FAIL [" << map_id_ << "] " << message << "\n";
  }

 private:
  modbus_t* ctx_;
  std::string map_id_;
  Counters& counters_;
};

std::vector<Chunk> chunks_of(const Block& block, const std::vector<Row>& rows) {
  std::vector<Chunk> chunks;
  Chunk current{block.first, 0};
  for (const Row& row : rows) {
    if (row.space != block.space || row.address < block.first || row.address > block.last) {
      continue;
    }
    bool const contiguous = current.first + current.count == row.address;
    if (current.count > 0 && (!contiguous || current.count + row.registers > max_read_quantity)) {
      chunks.push_back(current);
      current = Chunk{row.address, 0};
    }
    if (current.count == 0) current.first = row.address;
    current.count += row.registers;
  }
  if (current.count > 0) chunks.push_back(current);
  return chunks;
}

int run_map(const std::string& host, int port, const nlohmann::json& model, Counters& total) {
  std::string const id = model.at("id").get<std::string>();
  int const unit = model.at("default_unit").get<int>();
  std::vector<Row> rows;
  for (const auto& r : model.at("rows")) {
    rows.push_back(Row{r.at("space").get<std::string>(), r.at("address").get<int>(),
                       r.at("registers").get<int>(), r.at("name").get<std::string>(),
                       r.at("access").get<std::string>(), r.value("safety", std::string{})});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.space != b.space ? a.space < b.space : a.address < b.address;
  });
  std::vector<Block> blocks;
  for (const auto& b : model.at("blocks")) {
    blocks.push_back(Block{b.at("space").get<std::string>(), b.at("first").get<int>(),
                           b.at("last").get<int>(), b.at("name").get<std::string>()});
  }
  std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) {
    return a.space != b.space ? a.space < b.space : a.first < b.first;
  });

  modbus_t* ctx = modbus_new_tcp(host.c_str(), port);
  if (ctx == nullptr) {
    std::cerr << "modbus_new_tcp: " << modbus_strerror(errno) << "\n";
    return 2;
  }
  modbus_set_response_timeout(ctx, 3, 0);
  if (modbus_set_slave(ctx, unit) != 0 || modbus_connect(ctx) != 0) {
    std::cerr << "connect " << host << ":" << port << " unit " << unit << ": "
              << modbus_strerror(errno) << "\n";
    modbus_free(ctx);
    return 2;
  }

  Counters counters;
  Session session(ctx, id, counters);

  // 1. Every block of every space, in reads of whole rows.
  std::map<std::string, std::map<int, std::uint16_t>> image;
  for (const Block& block : blocks) {
    for (const Chunk& chunk : chunks_of(block, rows)) {
      std::vector<std::uint16_t> values;
      if (!session.read(block.space, chunk.first, chunk.count, values)) continue;
      for (int i = 0; i < chunk.count; ++i) {
        image[block.space][chunk.first + i] = values[static_cast<std::size_t>(i)];
      }
    }
  }

  // 2. Reads the server must refuse with exception 02.
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    bool const has_next = i + 1 < blocks.size() && blocks[i + 1].space == block.space;
    if (has_next && blocks[i + 1].first > block.last + 1) {
      session.expect_illegal_address(block.space, block.last + 1, 1,
                                     "gap after block '" + block.name + "'");
    }
    if (!has_next && block.last < 0xFFFF) {
      session.expect_illegal_address(block.space, block.last + 1, 1,
                                     "past the last " + block.space + " block");
    }
    if (has_next && blocks[i + 1].first == block.last + 1) {
      // From the last row of this block through the first row of the next.
      auto last_row = std::find_if(rows.rbegin(), rows.rend(), [&](const Row& r) {
        return r.space == block.space && r.address <= block.last && r.address >= block.first;
      });
      auto next_row = std::find_if(rows.begin(), rows.end(), [&](const Row& r) {
        return r.space == block.space && r.address == blocks[i + 1].first;
      });
      if (last_row != rows.rend() && next_row != rows.end()) {
        int const count = next_row->address + next_row->registers - last_row->address;
        if (count <= max_read_quantity) {
          session.expect_illegal_address(
              block.space, last_row->address, count,
              "across blocks '" + block.name + "' and '" + blocks[i + 1].name + "'");
        }
      }
    }
  }
  std::map<std::string, bool> split_checked;
  for (const Row& row : rows) {
    if (row.registers > 1 && !split_checked[row.space]) {
      split_checked[row.space] = true;
      session.expect_illegal_address(row.space, row.address + 1, 1, "splitting '" + row.name + "'");
    }
  }

  // 3. Write back every setting with the value just read, read back, compare.
  bool const enapter = id.rfind("enapter", 0) == 0;
  for (const Row& row : rows) {
    if (row.space != "holding" || row.access != "rw" || row.safety != "setting") continue;
    std::vector<std::uint16_t> before;
    if (!session.read(row.space, row.address, row.registers, before)) continue;
    for (int i = 0; i < row.registers; ++i) {
      auto const& space = image[row.space];
      auto const found = space.find(row.address + i);
      if (found != space.end() && found->second != before[static_cast<std::size_t>(i)]) {
        // Settings do not drift by themselves.
        session.fail("setting '" + row.name + "' changed between two reads");
        break;
      }
    }
    bool const wrapped = enapter && row.address >= enapter_config_first;
    if (wrapped && !session.command(enapter_begin, "Configuration Begin")) continue;
    bool const written = session.write(row, before);
    if (wrapped && !session.command(enapter_commit, "Configuration Commit")) continue;
    if (!written) continue;
    std::vector<std::uint16_t> after;
    if (!session.read(row.space, row.address, row.registers, after)) continue;
    ++counters.write_checks;
    if (after != before) session.fail("setting '" + row.name + "' reads back differently");
  }

  modbus_close(ctx);
  modbus_free(ctx);

  std::cout << "libmodbus " << LIBMODBUS_VERSION_STRING << " [" << id << " unit " << unit
            << "] reads " << counters.reads << " (" << counters.registers_read
            << " registers), writes " << counters.writes << ", write-backs verified "
            << counters.write_checks << ", exception-02 checks " << counters.negative_checks
            << ", failures " << counters.failures << "\n";
  total.reads += counters.reads;
  total.registers_read += counters.registers_read;
  total.writes += counters.writes;
  total.write_checks += counters.write_checks;
  total.negative_checks += counters.negative_checks;
  total.failures += counters.failures;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> const args(argv, argv + argc);
  if (args.size() < 4) {
    std::cerr << "usage: libmodbus_interop_client HOST PORT MAP.json...\n";
    return 2;
  }
  int port = 0;
  try {
    port = std::stoi(args[2]);
  } catch (const std::exception&) {
    std::cerr << "bad port: " << args[2] << "\n";
    return 2;
  }
  Counters total;
  for (std::size_t i = 3; i < args.size(); ++i) {
    std::ifstream in(args[i]);
    nlohmann::json model;
    try {
      model = nlohmann::json::parse(in);
      int const status = run_map(args[1], port, model, total);
      if (status != 0) return status;
    } catch (const nlohmann::json::exception& e) {
      std::cerr << args[i] << ": " << e.what() << "\n";
      return 2;
    }
  }
  std::cout << "libmodbus total: reads " << total.reads << " (" << total.registers_read
            << " registers), writes " << total.writes << ", write-backs verified "
            << total.write_checks << ", exception-02 checks " << total.negative_checks
            << ", failures " << total.failures << "\n";
  return total.failures == 0 ? 0 : 1;
}
