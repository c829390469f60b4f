#!/usr/bin/python3
"""pymodbus (Debian's python3-pymodbus 3.0.0) TCP server for the server benchmark.

Usage: pymodbus_bench_server.py PORT   (0 = a free port)

Holding registers 40000..40141 (protocol addresses, zero_mode) answered for any unit
(single context). Binds 127.0.0.1 only; prints `listening on 127.0.0.1:PORT` once serving.
"""
import asyncio
import logging
import signal
import sys

from pymodbus.datastore import (
    ModbusSequentialDataBlock,
    ModbusServerContext,
    ModbusSlaveContext,
)
from pymodbus.server.async_io import ModbusTcpServer

FIRST = 40000
COUNT = 142


async def main(port: int) -> None:
    logging.getLogger("pymodbus").setLevel(logging.ERROR)
    block = ModbusSequentialDataBlock(FIRST, [(i * 7) & 0xFFFF for i in range(COUNT)])
    slave = ModbusSlaveContext(hr=block, zero_mode=True)
    context = ModbusServerContext(slaves=slave, single=True)
    server = ModbusTcpServer(context, address=("127.0.0.1", port), backlog=1024)
    task = asyncio.create_task(server.serve_forever())
    await server.serving
    bound = server.server.sockets[0].getsockname()[1]
    print(f"listening on 127.0.0.1:{bound}", flush=True)
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    await stop
    task.cancel()
    try:
        await server.server_close()
    except Exception:  # pylint: disable=broad-except
        pass


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
