// The connections of `serve`: cpp-httplib parses and routes the requests, but the socket loop
// and the stream under it are ours, for two reasons the library (0.11) does not cover:
//  - bounds: it reads a request line, headers and a chunked body of any length into memory.
//    Here every read of a request is counted against a budget — kMaxHeadBytes for the request
//    line and headers, then what the pre-routing step allows for the body (allow_body) — and a
//    read past it ends the input there; the flags below say which bound was passed, so that the
//    answer can say so (414/431/413), and the connection is closed after that answer.
//  - the client address of every request, also of those the library refuses before it knows
//    the address (a request line too long): the handlers, error handler and logger run on the
//    connection's thread and find it with current_connection().
#pragma once

#include <chrono>

#include <atomic>
#include <cstddef>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>

#include "server/request_limits.hpp"

namespace rk::server {

// One client connection; the per-request fields are reset before each request.
struct Connection {
  std::string address;  // the peer's address as the server sees it (behind a proxy: the proxy)
  int port = 0;

  // Per request.
  bool head_too_large = false;  // the request line and headers passed kMaxHeadBytes
  bool body_too_large = false;  // the body passed what allow_body() allowed
  bool close_after = false;     // close after this answer (a body was left unread)
  // What the handler learnt, for the request's audit row.
  std::string who;
  std::string role;
  std::string scope;

  // The head is read; the body may take `bytes` bytes on the wire (0: none is read).
  // REQUIRES: the head of the current request has been read (pre-routing or later).
  void allow_body(size_t bytes) {
    budget = bytes;
    in_body = true;
  }
  // Resets the per-request fields (the connection loop, before each request).
  void start_request();

  size_t budget = kMaxHeadBytes;  // bytes the library may still read of this request
  bool in_body = false;           // allow_body() was called: the head was read and routed
  // The time by which the whole request (head and body) must have arrived: a client that sends
  // a byte now and then cannot hold a worker longer (kRequestSeconds).
  std::chrono::steady_clock::time_point deadline;
  bool too_slow = false;  // the deadline passed: the connection is closed without an answer
};

// Seconds a request may take to arrive, head and body together.
inline constexpr int kRequestSeconds = 30;

// The connection whose request the calling thread is serving; null outside a request.
Connection* current_connection();

// The library's server with our connection loop. Routes added with Get and Post are also
// remembered, so that a known path asked with another method is told which ones it answers;
// fallback routes (catch-all patterns) are not.
class GuardedServer : public httplib::Server {
 public:
  GuardedServer() = default;

  GuardedServer& Get(const std::string& pattern, Handler handler);
  GuardedServer& Post(const std::string& pattern, Handler handler);
  GuardedServer& fallback_get(const std::string& pattern, Handler handler);
  GuardedServer& fallback_post(const std::string& pattern, Handler handler);

  // The methods the routes of `path` answer, for an Allow header ("GET, HEAD", "POST"); empty
  // when no (non-fallback) route matches.
  [[nodiscard]] std::string allowed_methods(const std::string& path) const;

  // The routes added with Get and Post: (pattern, method), in the order they were added.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> routes() const;

  // Waits until no request is being answered. The logger runs after an answer is written, so a
  // client that has its answer knows its request was logged once this returns.
  void wait_idle() const;

 private:
  // Replaces the library's loop: keep-alive requests on one socket with our stream, closed with
  // a short lingering read when a request was cut off, so the client still sees the answer.
  bool process_and_close_socket(socket_t sock) override;

  std::vector<std::pair<std::regex, std::string>> routes_;     // pattern, method
  std::vector<std::pair<std::string, std::string>> patterns_;  // the same as text
  std::atomic<int> active_{0};                                 // requests being answered
};

}  // namespace rk::server
