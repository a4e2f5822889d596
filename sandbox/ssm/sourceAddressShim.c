/*
 * LD_PRELOAD shim for scripts the sandbox runs "on" an instance: every IPv4 socket that connects
 * or sends without having been bound is first bound to SANDBOX_SOURCE_IP, so its packets leave
 * from the instance's own address and the sandbox's forwarders apply that instance's security
 * groups and network ACLs. When SANDBOX_DNS_REDIRECT ("ip:port") is set, datagrams and
 * connections to ip:53 go to ip:port instead (a resolver that could not bind port 53).
 * Loopback only: it never changes where a packet goes except that DNS port.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

static void bind_source(int fd) {
  const char *ip = getenv("SANDBOX_SOURCE_IP");
  struct sockaddr_in current, source;
  socklen_t length = sizeof current;
  int type = 0, one = 1;
  socklen_t type_length = sizeof type;
  if (!ip || getsockname(fd, (struct sockaddr *)&current, &length) != 0 || current.sin_family != AF_INET) return;
  if (current.sin_port != 0 || current.sin_addr.s_addr != htonl(INADDR_ANY)) return;
  memset(&source, 0, sizeof source);
  source.sin_family = AF_INET;
  if (inet_pton(AF_INET, ip, &source.sin_addr) != 1) return;
  if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_length) == 0 && type == SOCK_STREAM) {
    setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
  }
  bind(fd, (struct sockaddr *)&source, sizeof source);
}

/* A copy of `addr` with the DNS port redirected, or NULL when nothing changes. */
static const struct sockaddr *redirect(const struct sockaddr *addr, socklen_t len, struct sockaddr_in *copy) {
  const char *spec = getenv("SANDBOX_DNS_REDIRECT");
  char ip[INET_ADDRSTRLEN];
  const char *colon;
  struct in_addr resolver;
  if (!spec || !addr || addr->sa_family != AF_INET || len < (socklen_t)sizeof *copy) return NULL;
  colon = strrchr(spec, ':');
  if (!colon || (size_t)(colon - spec) >= sizeof ip) return NULL;
  memcpy(ip, spec, colon - spec);
  ip[colon - spec] = 0;
  if (inet_pton(AF_INET, ip, &resolver) != 1) return NULL;
  memcpy(copy, addr, sizeof *copy);
  if (copy->sin_addr.s_addr != resolver.s_addr || copy->sin_port != htons(53)) return NULL;
  copy->sin_port = htons((unsigned short)atoi(colon + 1));
  return (const struct sockaddr *)copy;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
  static int (*real_connect)(int, const struct sockaddr *, socklen_t);
  struct sockaddr_in copy;
  const struct sockaddr *target;
  if (!real_connect) real_connect = dlsym(RTLD_NEXT, "connect");
  if (addr && addr->sa_family == AF_INET) bind_source(fd);
  target = redirect(addr, len, &copy);
  return real_connect(fd, target ? target : addr, target ? (socklen_t)sizeof copy : len);
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *addr, socklen_t len) {
  static ssize_t (*real_sendto)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
  struct sockaddr_in copy;
  const struct sockaddr *target;
  if (!real_sendto) real_sendto = dlsym(RTLD_NEXT, "sendto");
  if (addr && addr->sa_family == AF_INET) bind_source(fd);
  target = redirect(addr, len, &copy);
  return real_sendto(fd, buf, n, flags, target ? target : addr, target ? (socklen_t)sizeof copy : len);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
  static ssize_t (*real_sendmsg)(int, const struct msghdr *, int);
  struct sockaddr_in copy;
  const struct sockaddr *target;
  struct msghdr changed;
  if (!real_sendmsg) real_sendmsg = dlsym(RTLD_NEXT, "sendmsg");
  if (!msg || !msg->msg_name) return real_sendmsg(fd, msg, flags);
  if (((const struct sockaddr *)msg->msg_name)->sa_family == AF_INET) bind_source(fd);
  target = redirect(msg->msg_name, msg->msg_namelen, &copy);
  if (!target) return real_sendmsg(fd, msg, flags);
  changed = *msg;
  changed.msg_name = &copy;
  changed.msg_namelen = sizeof copy;
  return real_sendmsg(fd, &changed, flags);
}
