/* libmodbus_bench_server PORT: a select() Modbus TCP server on libmodbus (0 = a free port).
 * Holding registers 40000..40141 through modbus_mapping_new_start_address, answered for any unit
 * (libmodbus's TCP backend does not filter on the unit id). Binds 127.0.0.1 only and prints
 * `listening on 127.0.0.1:PORT`. Runs until SIGTERM/SIGINT. */
#include <arpa/inet.h>
#include <errno.h>
#include <modbus.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t g_stop = 0;
static void on_signal(int sig) { (void)sig; g_stop = 1; }

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 0;
  modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
  if (ctx == NULL) { fprintf(stderr, "modbus_new_tcp failed\n"); return 1; }
  modbus_mapping_t *map = modbus_mapping_new_start_address(0, 0, 0, 0, 40000, 142, 0, 0);
  if (map == NULL) { fprintf(stderr, "mapping: %s\n", modbus_strerror(errno)); return 1; }
  for (int i = 0; i < 142; ++i) map->tab_registers[i] = (uint16_t)((i * 7) & 0xFFFF);

  int server = modbus_tcp_listen(ctx, 1024);
  if (server < 0) { fprintf(stderr, "listen: %s\n", modbus_strerror(errno)); return 1; }
  struct sockaddr_in addr;
  socklen_t len = sizeof addr;
  getsockname(server, (struct sockaddr *)&addr, &len);
  printf("listening on 127.0.0.1:%d\n", ntohs(addr.sin_port));
  fflush(stdout);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
  fd_set refset, rdset;
  FD_ZERO(&refset);
  FD_SET(server, &refset);
  int fdmax = server;
  while (!g_stop) {
    rdset = refset;
    if (select(fdmax + 1, &rdset, NULL, NULL, NULL) == -1) {
      if (errno == EINTR) continue;
      perror("select");
      break;
    }
    for (int fd = 0; fd <= fdmax; ++fd) {
      if (!FD_ISSET(fd, &rdset)) continue;
      if (fd == server) {
        struct sockaddr_in client;
        socklen_t clen = sizeof client;
        int nfd = accept(server, (struct sockaddr *)&client, &clen);
        if (nfd == -1) continue;
        if (nfd >= FD_SETSIZE) { close(nfd); continue; } /* select() limit */
        FD_SET(nfd, &refset);
        if (nfd > fdmax) fdmax = nfd;
      } else {
        modbus_set_socket(ctx, fd);
        int rc = modbus_receive(ctx, query);
        if (rc > 0) {
          modbus_reply(ctx, query, rc, map);
        } else if (rc == -1) {
          close(fd);
          FD_CLR(fd, &refset);
          if (fd == fdmax) fdmax--;
        }
      }
    }
  }
  close(server);
  modbus_mapping_free(map);
  modbus_free(ctx);
  return 0;
}
