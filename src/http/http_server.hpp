#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace mytoken {

class Router;
class RequestObserver;

struct HttpServerOptions {
  std::string address = "127.0.0.1";           // IPv4 or IPv6 literal
  uint16_t port = 8000;                        // 0: an ephemeral port, see HttpServer::port()
  size_t io_threads = 2;                       // run the event loop; never block
  size_t worker_threads = 8;                   // run the route handlers (store and OP calls)
  size_t body_limit = 64 * 1024;               // larger bodies: 413, then close
  size_t header_limit = 8 * 1024;              // larger request heads: 431, then close
  std::chrono::seconds read_timeout{30};       // deadline for a whole request once its first byte arrived (slowloris)
  std::chrono::seconds idle_timeout{30};       // how long a connection may wait for the first byte of a request
  size_t max_connections = 4096;               // further connections are accepted and closed at once
  std::vector<std::string> trusted_proxies{};  // CIDRs whose X-Forwarded-For is believed (design §4)
  std::chrono::seconds drain_timeout{10};      // stop(): how long in-flight requests may take to finish
  RequestObserver* observer = nullptr;         // optional, told about every answered request; must outlive the server
};

// What run_until_signal() does besides stopping. Both run on an I/O thread, so they must be quick and not throw.
struct SignalHooks {
  std::function<void()> on_terminate;  // SIGINT or SIGTERM arrived; runs before the drain starts
  std::function<void()> on_hangup;     // SIGHUP arrived (e.g. reopen log files); empty: SIGHUP is not caught
};

// The HTTP/1.1 server (Boost.Beast): keep-alive, in-order pipelining, size limits and deadlines, a connection cap,
// client IP resolution, one access-log line per request, graceful drain. The event loop runs on io_threads; every
// request is handed to Router::dispatch on a pool of worker_threads, so a slow handler never stalls other
// connections (design §4 "Threads"). One request per connection is in flight at a time.
//
// Thread safety: start() once, from one thread; port(), stop() and run_until_signal() from any thread.
class HttpServer {
 public:
  // `router` must outlive the server and must not change once start() was called.
  HttpServer(HttpServerOptions options, const Router& router);
  ~HttpServer();  // stop()s
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens, then serves on background threads; returns once the port accepts connections. Fails
  // (internal error, reason in log_detail) for an invalid address, an unusable trusted proxy list or a bind error.
  Result<void> start();

  // The bound port (the ephemeral one if options.port was 0). Requires: start() succeeded.
  uint16_t port() const;

  // Blocks until SIGINT or SIGTERM (or stop() from another thread), then stops as stop() does; calls `hooks`
  // for the signals it catches. Requires: start() succeeded.
  void run_until_signal(const SignalHooks& hooks = {});

  // Stops accepting, closes idle connections, lets in-flight requests finish for up to drain_timeout (their
  // responses say `Connection: close`), closes what is left and joins all threads. Idempotent; blocks. A handler
  // that is still running is waited for, since threads cannot be cancelled.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mytoken
