#include "server/http_connection.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

namespace rk::server {
namespace {

using Clock = std::chrono::steady_clock;

thread_local Connection* tl_connection = nullptr;

// After cutting a request off: how long the rest of what the client sends is read and dropped
// before the socket closes, so that closing does not reset the connection (a reset can destroy
// the answer before the client has read it).
constexpr auto kLinger = std::chrono::seconds(1);
// Waiting for the next request on a kept-alive connection looks at the listener this often, so
// that stop() does not wait for idle connections.
constexpr int kIdleSliceMs = 100;

int to_ms(time_t sec, time_t usec) { return static_cast<int>(sec * 1000 + usec / 1000); }

// True when `fd` is ready for `events` within `ms` milliseconds.
bool wait_fd(int fd, short events, int ms) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, ms);
    if (r < 0 && errno == EINTR) continue;
    return r > 0;
  }
}

// The numeric address and port of a socket's peer (`peer`) or its own end.
void address_of(int fd, bool peer, std::string& address, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if ((peer ? ::getpeername(fd, sa, &len) : ::getsockname(fd, sa, &len)) != 0) return;
  std::array<char, NI_MAXHOST> host{};
  std::array<char, NI_MAXSERV> service{};
  if (::getnameinfo(sa, len, host.data(), host.size(), service.data(), service.size(),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return;
  address = host.data();
  port = std::atoi(service.data());
}

void linger_and_drop(int fd) {
  ::shutdown(fd, SHUT_WR);
  const auto deadline = Clock::now() + kLinger;
  std::array<char, 16384> sink{};
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0 || !wait_fd(fd, POLLIN, static_cast<int>(left))) return;
    const ssize_t n = ::recv(fd, sink.data(), sink.size(), 0);
    if (n == 0 || (n < 0 && errno != EINTR)) return;
  }
}

}  // namespace

void Connection::start_request() {
  head_too_large = false;
  body_too_large = false;
  close_after = false;
  who.clear();
  role.clear();
  scope.clear();
  budget = kMaxHeadBytes;
  in_body = false;
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kRequestSeconds);
  too_slow = false;
}

Connection* current_connection() { return tl_connection; }

// A socket stream as the library's, with a read-ahead buffer that lives as long as the
// connection (pipelined requests keep their bytes) and the connection's read budget.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int fd, Connection& connection, int read_ms, int write_ms)
      : fd_(fd), connection_(connection), read_ms_(read_ms), write_ms_(write_ms) {}

  bool is_readable() const override { return buffered() > 0 || wait_fd(fd_, POLLIN, read_ms_); }
  bool is_writable() const override { return wait_fd(fd_, POLLOUT, write_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    if (connection_.budget == 0) {
      // The end of the input as far as the library is concerned.
      (connection_.in_body ? connection_.body_too_large : connection_.head_too_large) = true;
      return 0;
    }
    if (buffered() == 0) {
      // At most the read timeout per wait, and never past the request's deadline.
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            connection_.deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) {
        connection_.too_slow = true;
        return -1;
      }
      if (!wait_fd(fd_, POLLIN, static_cast<int>(std::min<int64_t>(read_ms_, left)))) return -1;
      ssize_t n = 0;
      do {
        n = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<size_t>(n);
    }
    const size_t n = std::min({size, buffered(), connection_.budget});
    std::memcpy(ptr, buffer_.data() + begin_, n);
    begin_ += n;
    connection_.budget -= n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n = 0;
    do {
      n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = connection_.address;
    port = connection_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, false, ip, port);
  }
  socket_t socket() const override { return fd_; }

  [[nodiscard]] size_t buffered() const { return end_ - begin_; }

 private:
  int fd_;
  Connection& connection_;
  int read_ms_;
  int write_ms_;
  std::array<char, 4096> buffer_{};
  size_t begin_ = 0;
  size_t end_ = 0;
};

GuardedServer& GuardedServer::Get(const std::string& pattern, Handler handler) {
  routes_.emplace_back(std::regex(pattern), "GET");
  patterns_.emplace_back(pattern, "GET");
  httplib::Server::Get(pattern, std::move(handler));
  return *this;
}

GuardedServer& GuardedServer::Post(const std::string& pattern, Handler handler) {
  routes_.emplace_back(std::regex(pattern), "POST");
  patterns_.emplace_back(pattern, "POST");
  httplib::Server::Post(pattern, std::move(handler));
  return *this;
}

GuardedServer& GuardedServer::fallback_get(const std::string& pattern, Handler handler) {
  httplib::Server::Get(pattern, std::move(handler));
  return *this;
}

GuardedServer& GuardedServer::fallback_post(const std::string& pattern, Handler handler) {
  httplib::Server::Post(pattern, std::move(handler));
  return *this;
}

std::vector<std::pair<std::string, std::string>> GuardedServer::routes() const { return patterns_; }

std::string GuardedServer::allowed_methods(const std::string& path) const {
  bool get = false;
  bool post = false;
  for (const auto& [pattern, method] : routes_) {
    if (!std::regex_match(path, pattern)) continue;
    (method == "GET" ? get : post) = true;
  }
  std::string out = get ? "GET, HEAD" : "";
  if (post) out += out.empty() ? "POST" : ", POST";
  return out;
}

void GuardedServer::wait_idle() const {
  for (int n = active_.load(); n != 0; n = active_.load()) active_.wait(n);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  Connection connection;
  address_of(sock, true, connection.address, connection.port);
  ConnectionStream stream(sock, connection, to_ms(read_timeout_sec_, read_timeout_usec_),
                          to_ms(write_timeout_sec_, write_timeout_usec_));
  // The next request has begun to arrive (or the client closed); false when the connection
  // stayed idle for the keep-alive time or the server stops.
  auto next_request = [&] {
    if (stream.buffered() > 0) return true;
    const auto deadline = Clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
    while (svr_sock_ != INVALID_SOCKET) {
      if (wait_fd(sock, POLLIN, kIdleSliceMs)) return true;
      if (Clock::now() >= deadline) return false;
    }
    return false;
  };
  tl_connection = &connection;
  bool ok = false;
  bool cut = false;
  for (size_t left = keep_alive_max_count_; left > 0 && next_request(); --left) {
    connection.start_request();
    bool closed = false;
    active_.fetch_add(1);
    ok = process_request(stream, left == 1, closed, nullptr);
    if (active_.fetch_sub(1) == 1) active_.notify_all();
    cut = connection.close_after || connection.head_too_large || connection.body_too_large ||
          connection.too_slow;
    if (!ok || closed || cut) break;
  }
  tl_connection = nullptr;
  if (cut) linger_and_drop(sock);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace rk::server
