#!/usr/bin/env python3
"""Interoperability client: drives the bundled simulator with pymodbus, an independent Modbus TCP
master (Debian's python3-pymodbus 3.0; the unit id keyword there is `slave=`).

For every map file given (the output of `mbharness maps NAME --json`), on the map's default unit:
  - reads every block of every space (FC 03 / FC 04), at most 125 registers a read, splitting
    blocks only at row boundaries;
  - writes back every `rw` row of class `setting` with the value just read (FC 16 for
    multi-register rows, FC 06 for single ones; Enapter configuration registers, holding 4002
    and up, inside Configuration Begin / Commit), then reads it back and compares;
  - checks that reads in a gap, past the last block, across two adjacent blocks, or splitting a
    multi-register row fail with exception 02.

Usage: pymodbus_interop_client.py HOST PORT MAP.json...
Exit status: 0 when every check passed, 1 on any failure, 2 on a usage or setup error.
"""

import json
import sys

import pymodbus
from pymodbus.client import ModbusTcpClient
from pymodbus.pdu import ExceptionResponse

MAX_READ = 125
ENAPTER_BEGIN = 4000
ENAPTER_COMMIT = 4001
ENAPTER_CONFIG_FIRST = 4002
ILLEGAL_DATA_ADDRESS = 2


class Session:
    def __init__(self, client, map_id, unit):
        self.client = client
        self.map_id = map_id
        self.unit = unit
        self.reads = 0
        self.registers_read = 0
        self.writes = 0
        self.write_checks = 0
        self.negative_checks = 0
        self.failures = 0

    def fail(self, message):
        self.failures += 1
        print(f"FAIL [{self.map_id}] {message}", file=sys.stderr)

    def _read(self, space, address, count):
        if space == "input":
            return self.client.read_input_registers(address, count, slave=self.unit)
        return self.client.read_holding_registers(address, count, slave=self.unit)

    def read(self, space, address, count):
        self.reads += 1
        try:
            response = self._read(space, address, count)
        except Exception as error:  # pymodbus raises ModbusException subclasses on I/O errors
            self.fail(f"read {space} {address} x{count}: {error!r}")
            return None
        if response is None or response.isError():
            self.fail(f"read {space} {address} x{count}: {response}")
            return None
        registers = list(response.registers)
        if len(registers) != count:
            self.fail(f"read {space} {address} x{count}: {len(registers)} registers answered")
            return None
        self.registers_read += count
        return registers

    def expect_illegal_address(self, space, address, count, what):
        self.negative_checks += 1
        try:
            response = self._read(space, address, count)
        except Exception as error:
            self.fail(f"{what}: read {space} {address} x{count}: {error!r}")
            return
        if not isinstance(response, ExceptionResponse):
            self.fail(f"{what}: read {space} {address} x{count}: {response}, expected exception 02")
        elif response.exception_code != ILLEGAL_DATA_ADDRESS:
            self.fail(f"{what}: read {space} {address} x{count}: exception "
                      f"{response.exception_code}, expected 02")

    def write(self, row, values):
        self.writes += 1
        address = row["address"]
        try:
            if row["registers"] == 1:
                response = self.client.write_register(address, values[0], slave=self.unit)
            else:
                response = self.client.write_registers(address, values, slave=self.unit)
        except Exception as error:
            self.fail(f"write {row['name']} @{address}: {error!r}")
            return False
        if response is None or response.isError():
            code = "FC06" if row["registers"] == 1 else "FC16"
            self.fail(f"write {row['name']} @{address} ({code}): {response}")
            return False
        return True

    def command(self, address, name):
        self.writes += 1
        try:
            response = self.client.write_register(address, 1, slave=self.unit)
        except Exception as error:
            self.fail(f"write 1 to {name} @{address}: {error!r}")
            return False
        if response is None or response.isError():
            self.fail(f"write 1 to {name} @{address}: {response}")
            return False
        return True


def chunks_of(block, rows):
    """Reads of at most 125 registers covering the block, split only at row boundaries."""
    chunks = []
    first, count = block["first"], 0
    for row in rows:
        if row["space"] != block["space"] or not block["first"] <= row["address"] <= block["last"]:
            continue
        contiguous = first + count == row["address"]
        if count > 0 and (not contiguous or count + row["registers"] > MAX_READ):
            chunks.append((first, count))
            first, count = row["address"], 0
        if count == 0:
            first = row["address"]
        count += row["registers"]
    if count > 0:
        chunks.append((first, count))
    return chunks


def run_map(host, port, model):
    map_id = model["id"]
    unit = model["default_unit"]
    rows = sorted(model["rows"], key=lambda r: (r["space"], r["address"]))
    blocks = sorted(model["blocks"], key=lambda b: (b["space"], b["first"]))

    client = ModbusTcpClient(host, port=port, timeout=3, retries=0)
    if not client.connect():
        print(f"connect {host}:{port} failed", file=sys.stderr)
        return None
    session = Session(client, map_id, unit)

    # 1. Every block of every space, in reads of whole rows.
    image = {}
    for block in blocks:
        for first, count in chunks_of(block, rows):
            values = session.read(block["space"], first, count)
            if values is not None:
                for i, value in enumerate(values):
                    image[(block["space"], first + i)] = value

    # 2. Reads the server must refuse with exception 02.
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) and blocks[i + 1]["space"] == block["space"] else None
        space = block["space"]
        if following is not None and following["first"] > block["last"] + 1:
            session.expect_illegal_address(space, block["last"] + 1, 1,
                                           f"gap after block '{block['name']}'")
        if following is None and block["last"] < 0xFFFF:
            session.expect_illegal_address(space, block["last"] + 1, 1,
                                           f"past the last {space} block")
        if following is not None and following["first"] == block["last"] + 1:
            last_row = [r for r in rows if r["space"] == space
                        and block["first"] <= r["address"] <= block["last"]][-1]
            next_row = [r for r in rows if r["space"] == space and r["address"] == following["first"]][0]
            count = next_row["address"] + next_row["registers"] - last_row["address"]
            if count <= MAX_READ:
                session.expect_illegal_address(space, last_row["address"], count,
                                               f"across blocks '{block['name']}' and '{following['name']}'")
    split_checked = set()
    for row in rows:
        if row["registers"] > 1 and row["space"] not in split_checked:
            split_checked.add(row["space"])
            session.expect_illegal_address(row["space"], row["address"] + 1, 1,
                                           f"splitting '{row['name']}'")

    # 3. Write back every setting with the value just read, read back, compare.
    enapter = map_id.startswith("enapter")
    for row in rows:
        if row["space"] != "holding" or row["access"] != "rw" or row.get("safety") != "setting":
            continue
        before = session.read("holding", row["address"], row["registers"])
        if before is None:
            continue
        expected = [image.get(("holding", row["address"] + i)) for i in range(row["registers"])]
        if None not in expected and expected != before:
            session.fail(f"setting '{row['name']}' changed between two reads")
        wrapped = enapter and row["address"] >= ENAPTER_CONFIG_FIRST
        if wrapped and not session.command(ENAPTER_BEGIN, "Configuration Begin"):
            continue
        written = session.write(row, before)
        if wrapped and not session.command(ENAPTER_COMMIT, "Configuration Commit"):
            continue
        if not written:
            continue
        after = session.read("holding", row["address"], row["registers"])
        if after is None:
            continue
        session.write_checks += 1
        if after != before:
            session.fail(f"setting '{row['name']}' reads back {after}, wrote {before}")

    client.close()
    print(f"pymodbus {pymodbus.__version__} [{map_id} unit {unit}] reads {session.reads} "
          f"({session.registers_read} registers), writes {session.writes}, write-backs verified "
          f"{session.write_checks}, exception-02 checks {session.negative_checks}, "
          f"failures {session.failures}")
    return session


def main(argv):
    if len(argv) < 4:
        print("usage: pymodbus_interop_client.py HOST PORT MAP.json...", file=sys.stderr)
        return 2
    host, port = argv[1], int(argv[2])
    totals = dict(reads=0, registers_read=0, writes=0, write_checks=0, negative_checks=0, failures=0)
    for path in argv[3:]:
        with open(path, encoding="utf-8") as f:
            model = json.load(f)
        session = run_map(host, port, model)
        if session is None:
            return 2
        for key in totals:
            totals[key] += getattr(session, key)
    print(f"pymodbus total: reads {totals['reads']} ({totals['registers_read']} registers), "
          f"writes {totals['writes']}, write-backs verified {totals['write_checks']}, "
          f"exception-02 checks {totals['negative_checks']}, failures {totals['failures']}")
    return 0 if totals["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
